import DockerAPI

/// `network ls` and `volume ls`: docker's lists of networks and volumes, every targeted host in
/// one table (`HOST` first), names in docker's natural order.
enum NetworkVolumeCommands {
    static let all: [CommandSpec] = [network, volume]

    static let network = CommandSpec(
        name: "network", summary: "List networks (network ls)", usage: "[@TARGETS] network ls [OPTIONS]", scope: .engines,
        flags: [ListCommands.filterFlag, ListCommands.noTruncFlag, FlagSpec("quiet", short: "q", help: "Only display network IDs")],
        arguments: [ArgumentSpec("SUBCOMMAND", completion: .values(["ls"]))],
        shape: .table
    ) { invocation in
        try requireList(invocation)
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

    static let volume = CommandSpec(
        name: "volume", summary: "List volumes (volume ls)", usage: "[@TARGETS] volume ls [OPTIONS]", scope: .engines,
        flags: [ListCommands.filterFlag, FlagSpec("quiet", short: "q", help: "Only display volume names")],
        arguments: [ArgumentSpec("SUBCOMMAND", completion: .values(["ls"]))],
        shape: .table
    ) { invocation in
        try requireList(invocation)
        let format = ListFormat(user: invocation.template, defaultTable: VolumeRow.defaultTableFormat,
                                    quiet: invocation.arguments.isOn("quiet"), quietField: "Name")
        _ = try format.headers(for: VolumeRow.self)
        let request = EngineRequests.listVolumes(filters: try ListCommands.filters(invocation.arguments))
        let answers = await invocation.answers { host in try await host.decode(VolumeSummary.List.self, request) }
        try format.present(answers.map { answer in
            (answer.host.name, answer.value.volumes.sorted { NaturalOrder.less($0.name, $1.name) }.map(VolumeRow.init))
        }, to: invocation)
    }

    /// Only the listing is here; docker's other network and volume subcommands are a `!docker` away.
    private static func requireList(_ invocation: Invocation) throws(ShellUsageError) {
        let name = invocation.command.name
        guard let subcommand = invocation.arguments.positional.first, ["ls", "list"].contains(subcommand),
              invocation.arguments.positional.count == 1 else {
            let given = invocation.arguments.positional.first.map { "'\($0)'" } ?? "no subcommand"
            throw ShellUsageError("\(name): \(given); dmux lists \(name)s with '\(name) ls' (other subcommands: '!docker \(name) …')")
        }
    }
}
