import DockerAPI
import Foundation

/// `df`: `docker system df`'s summary (images, containers, volumes, build cache) for every
/// targeted host in one table; `-v` gives docker's four detail tables, each with a HOST column.
enum DfCommand {
    static let spec = CommandSpec(
        name: "df", summary: "Show docker disk usage (docker system df)", scope: .engines,
        flags: [FlagSpec("verbose", short: "v", help: "Show detailed information on space usage")],
        shape: .table
    ) { invocation in
        let verbose = invocation.arguments.isOn("verbose")
        if verbose, invocation.template != nil {
            throw ShellUsageError("df: --format takes a shape (table, lines, grouped, json) with -v, not a template")
        }
        let format = ListFormat(user: invocation.template, defaultTable: DiskUsageRow.defaultTableFormat, quiet: false)
        _ = try format.headers(for: DiskUsageRow.self)
        let answers = await invocation.answers { host in
            try await host.decode(DiskUsage.self, EngineRequests.diskUsage())
        }
        let usage = answers.map { (host: $0.host.name, value: $0.value) }
        if verbose {
            try details(usage, to: invocation)
        } else {
            try format.present(usage.map { ($0.host, DiskUsageRow.rows($0.value)) }, to: invocation)
        }
    }

    /// `df -v`: images, containers, volumes and build cache, one table each under docker's titles;
    /// in the json shape one record per host with the four lists (docker's `--format json` keys).
    static func details(_ usage: [(host: String, value: DiskUsage)], to invocation: Invocation) throws {
        let now = Date()
        let presenter = invocation.presenter
        // Like docker's `df -v --format json`, records carry whole IDs and commands.
        let truncate = presenter.shape != .json
        let images = usage.map { ($0.host, ImageRow.rows(for: $0.value.images, truncate: truncate, now: now)) }
        let containers = usage.map { answer in
            (answer.host, answer.value.containers.map { ContainerUsageRow(ContainerRow($0, truncate: truncate, now: now)) })
        }
        let volumes = usage.map { ($0.host, $0.value.volumes.map(VolumeRow.init)) }
        let cache = usage.map { ($0.host, $0.value.buildCache.map { BuildCacheRow($0, truncate: truncate, now: now) }) }
        guard presenter.shape != .json else {
            for (index, answer) in usage.enumerated() {
                presenter.record(host: answer.host, json: .object([
                    ("Images", json(images[index].1)), ("Containers", json(containers[index].1)),
                    ("Volumes", json(volumes[index].1)), ("BuildCache", json(cache[index].1)),
                    ("BuildCacheSize", .string(BuildCacheRow.total(answer.value.buildCache))),
                ]))
            }
            return
        }
        let cacheSizes = presenter.asDocker
            ? usage.map { BuildCacheRow.total($0.value.buildCache) }.joined()
            : usage.map { "\($0.host) \(BuildCacheRow.total($0.value.buildCache))" }.joined(separator: ", ")
        try section("Images space usage:", images, ImageUsageRow.defaultTableFormat, to: invocation)
        try section("Containers space usage:", containers, ContainerUsageRow.defaultTableFormat, to: invocation)
        try section("Local Volumes space usage:", volumes, VolumeRow.diskUsageTableFormat, to: invocation)
        try section("Build cache usage: \(cacheSizes)", cache, BuildCacheRow.defaultTableFormat, to: invocation, last: true)
    }

    private static func json<S: FormatSubject>(_ subjects: [S]) -> JSONValue { .array(subjects.map(ListFormat.object)) }

    /// A title, a blank line, the table (its headers even when empty), a blank line between sections.
    private static func section<S: FormatSubject>(
        _ title: String, _ rows: [(String, [S])], _ template: String, to invocation: Invocation, last: Bool = false
    ) throws {
        let format = ListFormat(user: template, defaultTable: template, quiet: false)
        let table = Presenter(
            shape: .table, console: invocation.console, hosts: invocation.presenter.hosts, asDocker: invocation.presenter.asDocker)
        table.columns(try format.headers(for: S.self))
        invocation.console.out(title + "\n\n")
        try format.present(rows, to: invocation, through: table)
        table.finish()
        if !last { invocation.console.out("\n") }
    }
}

/// One line of the `docker system df` summary, for `--format` templates and the json shape
/// (docker's keys: Type, TotalCount, Active, Size, Reclaimable).
struct DiskUsageRow: FormatSubject {
    static let subjectName = "disk usage row"
    static let goTypeName = "*formatter.diskUsageImagesContext"
    static let headers: [String: String] = [
        "Type": "TYPE", "TotalCount": "TOTAL", "Active": "ACTIVE", "Size": "SIZE", "Reclaimable": "RECLAIMABLE",
    ]
    static let defaultTableFormat = "table {{.Type}}\t{{.TotalCount}}\t{{.Active}}\t{{.Size}}\t{{.Reclaimable}}"

    var cells: [String]

    /// The rows EngineReports computes (docker's rules), without its header row.
    static func rows(_ usage: DiskUsage) -> [DiskUsageRow] {
        EngineReports.diskUsageRows(usage).dropFirst().map { DiskUsageRow(cells: $0) }
    }

    func field(_ name: String) -> String? {
        guard let index = ["Type", "TotalCount", "Active", "Size", "Reclaimable"].firstIndex(of: name) else { return nil }
        return index < cells.count ? cells[index] : ""
    }
}
