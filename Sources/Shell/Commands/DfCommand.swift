import DockerAPI

/// `df`: `docker system df`'s summary (images, containers, volumes, build cache) for every
/// targeted host in one table.
enum DfCommand {
    static let spec = CommandSpec(
        name: "df", summary: "Show docker disk usage (docker system df)", usage: "[@TARGETS] df [OPTIONS]",
        scope: .engines, shape: .table
    ) { invocation in
        let format = try ListFormat(user: invocation.template, defaultTable: DiskUsageRow.defaultTableFormat, quiet: false)
        _ = try format.headers(for: DiskUsageRow.self)
        let answers = await invocation.answers { host in
            try await host.decode(DiskUsage.self, EngineRequests.diskUsage())
        }
        try format.present(answers.map { ($0.host.name, DiskUsageRow.rows($0.value)) }, to: invocation)
    }
}

/// One line of the `docker system df` summary, for `--format` templates and the json shape
/// (docker's keys: Type, TotalCount, Active, Size, Reclaimable).
struct DiskUsageRow: FormatSubject {
    static let subjectName = "disk usage row"
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
