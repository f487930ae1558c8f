/// One `docker stats` row on a Linux daemon (docker/cli container/formatter_stats.go).
public struct StatsRow: FormatSubject {
    public static let subjectName = "stats entry"
    public static let goTypeName = "*container.statsContext"
    public static let headers: [String: String] = [
        "Container": "CONTAINER", "Name": "NAME", "ID": "CONTAINER ID", "CPUPerc": "CPU %",
        "MemUsage": "MEM USAGE / LIMIT", "MemPerc": "MEM %", "NetIO": "NET I/O", "BlockIO": "BLOCK I/O", "PIDs": "PIDS",
    ]
    public static let defaultTableFormat =
        "table {{.ID}}\t{{.Name}}\t{{.CPUPerc}}\t{{.MemUsage}}\t{{.MemPerc}}\t{{.NetIO}}\t{{.BlockIO}}\t{{.PIDs}}"

    public var sample: StatsSample
    /// What the user asked for (name or ID), for `{{.Container}}`.
    public var container: String
    public var truncate: Bool

    public init(_ sample: StatsSample, container: String = "", truncate: Bool = true) {
        self.sample = sample
        self.container = container
        self.truncate = truncate
    }

    static func percent(_ v: Double) -> String { String(format: "%.2f%%", v) }

    public func field(_ name: String) -> String? {
        switch name {
        case "Container": container
        case "Name": sample.name.count > 1 ? String(sample.name.dropFirst()) : "--"
        case "ID": truncate ? DockerColumns.truncateID(sample.id) : sample.id
        case "CPUPerc": Self.percent(sample.cpuPercent)
        case "MemUsage": GoUnits.bytesSize(sample.memUsage) + " / " + GoUnits.bytesSize(sample.memLimit)
        case "MemPerc": Self.percent(sample.memPercent)
        case "NetIO":
            GoUnits.humanSize(sample.netIO.rx, precision: 3) + " / " + GoUnits.humanSize(sample.netIO.tx, precision: 3)
        case "BlockIO":
            GoUnits.humanSize(sample.blockIO.read, precision: 3) + " / " + GoUnits.humanSize(sample.blockIO.write, precision: 3)
        case "PIDs": String(sample.pids)
        default: nil
        }
    }
}

import Foundation
