import DockerAPI
import Foundation

/// The latest stats sample of every container on every host, laid out as one table: HOST, then
/// the columns `docker stats` prints (its template, or the user's `table` template), then a
/// totals table per host with the time its newest sample was taken (samples of different hosts
/// are not simultaneous, so totals carry their time). Pure: `stats` feeds it and prints it.
struct StatsBoard: Sendable {
    struct Entry: Sendable {
        var container: String
        var sample: StatsSample
    }

    let hosts: [String]
    let template: FormatTemplate
    let truncate: Bool
    /// One targeted host: docker's own table, without HOST column, host prefix or totals.
    let asDocker: Bool
    /// Per host, containers in the order they were first seen.
    private var entries: [String: [Entry]] = [:]
    private(set) var updates = 0

    init(hosts: [String], template: FormatTemplate, truncate: Bool = true, asDocker: Bool = false) {
        self.hosts = hosts
        self.template = template
        self.truncate = truncate
        self.asDocker = asDocker
    }

    var isEmpty: Bool { entries.values.allSatisfy(\.isEmpty) }

    mutating func update(host: String, container: String, sample: StatsSample) {
        updates += 1
        var list = entries[host, default: []]
        if let index = list.firstIndex(where: { $0.container == container }) {
            list[index].sample = sample
        } else {
            list.append(Entry(container: container, sample: sample))
        }
        entries[host] = list
    }

    mutating func remove(host: String, container: String) {
        entries[host]?.removeAll { $0.container == container }
    }

    func rows(of host: String) -> [StatsRow] {
        (entries[host] ?? []).map { StatsRow($0.sample, container: $0.container, truncate: truncate) }
    }

    /// The containers table; with `bars`, CPU % and MEM % get a bar of their share (of all CPUs,
    /// of the memory limit).
    func table(bars: Bool) throws(FormatTemplateError) -> TableLayout {
        let headers = try template.header(for: StatsRow.self).components(separatedBy: "\t")
        var rows: [[String]] = []
        for host in hosts {
            for row in self.rows(of: host) {
                var cells = try template.render(row).components(separatedBy: "\t")
                if bars {
                    for (index, header) in headers.enumerated() where index < cells.count {
                        if header == "CPU %" { cells[index] += " " + Self.bar(Self.cpuShare(row.sample)) }
                        if header == "MEM %" { cells[index] += " " + Self.bar(row.sample.memPercent / 100) }
                    }
                }
                rows.append(asDocker ? cells : [host] + cells)
            }
        }
        return TableLayout(headers: asDocker ? headers : ["HOST"] + headers, rows: rows)
    }

    /// One row per host: how many containers, their summed CPU % and memory, and when sampled.
    func totals(timeZone: TimeZone = .current) -> TableLayout {
        var rows: [[String]] = []
        for host in hosts {
            let samples = (entries[host] ?? []).map(\.sample)
            guard !samples.isEmpty else { continue }
            let cpu = samples.reduce(0) { $0 + $1.cpuPercent }
            let memory = samples.reduce(0) { $0 + $1.memUsage }
            let newest = samples.map(\.read).max() ?? ""
            rows.append([
                host, String(samples.count), String(format: "%.2f%%", cpu), GoUnits.bytesSize(memory),
                Self.timeOfDay(newest, timeZone: timeZone),
            ])
        }
        return TableLayout(headers: ["HOST", "CONTAINERS", "CPU %", "MEM USAGE", "SAMPLED"], rows: rows)
    }

    /// Both tables, a blank line apart; a template that is not a `table` gives one line per
    /// container, prefixed with its host, and no totals.
    func render(bars: Bool, maxWidth: Int?) throws(FormatTemplateError) -> String {
        guard template.isTable else {
            var out = ""
            for host in hosts {
                for row in rows(of: host) { out += (asDocker ? "" : host + " | ") + (try template.render(row)) + "\n" }
            }
            return out
        }
        if asDocker { return try table(bars: bars).render(maxWidth: nil) }
        return try table(bars: bars).render(maxWidth: maxWidth) + "\n" + totals().render(maxWidth: maxWidth)
    }

    /// CPU % is per CPU (200% is two busy CPUs): the share of the whole machine.
    static func cpuShare(_ sample: StatsSample) -> Double {
        let cpus = sample.cpu.onlineCPUs > 0 ? Double(sample.cpu.onlineCPUs) : Double(max(1, sample.cpu.percpuUsage.count))
        return sample.cpuPercent / (100 * cpus)
    }

    /// `███░░░░░░░` for a share between 0 and 1.
    static func bar(_ share: Double, width: Int = 10) -> String {
        let filled = Int((min(max(share, 0), 1) * Double(width)).rounded())
        return String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
    }

    /// `15:04:05.000` in the local zone, from the engine's RFC 3339 `read` time.
    static func timeOfDay(_ read: String, timeZone: TimeZone) -> String {
        guard let (seconds, nanos) = DockerTimestamp.rfc3339(read, timeZone: timeZone), seconds > 0 else { return "-" }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.hour, .minute, .second], from: Date(timeIntervalSince1970: Double(seconds)))
        return String(format: "%02d:%02d:%02d.%03lld", c.hour!, c.minute!, c.second!, nanos / 1_000_000)
    }
}
