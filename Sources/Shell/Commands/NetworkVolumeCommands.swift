import DockerAPI

/// `network ls` and `volume ls`: docker's lists of networks and volumes, every targeted host in
/// one table (`HOST` first), names in docker's natural order. They hang under the `network` and
/// `volume` nodes of `ManagementCommands`.
enum NetworkVolumeCommands {
    static let networkList = CommandSpec(
        name: "ls", aliases: ["list"], summary: "List networks", scope: .engines,
        flags: [ListCommands.filterFlag, ListCommands.noTruncFlag, FlagSpec("quiet", short: "q", help: "Only display network IDs")],
        shape: .table
    ) { invocation in
        let format = ListFormat(user: invocation.template, defaultTable: NetworkRow.defaultTableFormat,
                                    quiet: invocation.arguments.isOn("quiet"))
        _ = try format.headers(for: NetworkRow.self)
        let request = EngineRequests.listNetworks(filters: try ListCommands.filters(invocation.arguments))
        let truncate = !invocation.arguments.isOn("no-trunc")
        let answers = await invocation.answers { host in try await host.decode([NetworkSummary].self, request) }
        try format.present(answers.map { answer in
            (answer.host.name, answer.value.sorted { NaturalOrder.less($0.name, $1.name) }.map { NetworkRow($0, truncate: truncate) })
        }, to: invocation)
    }

    static let volumeList = CommandSpec(
        name: "ls", aliases: ["list"], summary: "List volumes", scope: .engines,
        flags: [ListCommands.filterFlag, FlagSpec("quiet", short: "q", help: "Only display volume names")],
        shape: .table
    ) { invocation in
        let format = ListFormat(user: invocation.template, defaultTable: VolumeRow.defaultTableFormat,
                                    quiet: invocation.arguments.isOn("quiet"), quietField: "Name")
        _ = try format.headers(for: VolumeRow.self)
        let request = EngineRequests.listVolumes(filters: try ListCommands.filters(invocation.arguments))
        let answers = await invocation.answers { host in try await host.decode(VolumeSummary.List.self, request) }
        try format.present(answers.map { answer in
            (answer.host.name, answer.value.volumes.sorted { NaturalOrder.less($0.name, $1.name) }.map(VolumeRow.init))
        }, to: invocation)
    }
}
