import DockerAPI
import Foundation

/// `ps`: docker's container list, every targeted host in one table (`HOST` first).
enum PsCommand {
    static let spec = CommandSpec(
        name: "ps", summary: "List containers", scope: .engines,
        flags: [
            FlagSpec("all", short: "a", help: "Show all containers (default shows just running)"),
            ListCommands.filterFlag,
            FlagSpec("last", short: "n", value: "int", help: "Show n last created containers (includes all states)"),
            FlagSpec("latest", short: "l", help: "Show the latest created container (includes all states)"),
            ListCommands.noTruncFlag,
            ListCommands.quietFlag,
            FlagSpec("size", short: "s", help: "Display total file sizes"),
        ],
        shape: .table
    ) { invocation in
        try await run(invocation)
    }

    static func showsSize(_ template: String) -> Bool {
        template.contains(".Size") || template.range(of: #"json\s+\.\s*-?\}\}|\{\{-?\s*\.\s*\|\s*json"#, options: .regularExpression) != nil
    }

    static func run(_ invocation: Invocation) async throws {
        let arguments = invocation.arguments
        let filters = try ListCommands.filters(arguments)
        var last = try arguments.int("last") ?? -1
        if arguments.isOn("latest") && last == -1 { last = 1 }
        // As docker does: a template that shows .Size, or all of a container ({{json .}}, the json
        // shape's records), asks the engine for sizes (cli/command/container/list.go,
        // buildContainerListOptions).
        let size = arguments.isOn("size") || (invocation.template.map(showsSize) ?? false)
            || (invocation.presenter.shape == .json && !arguments.isOn("quiet"))
        let format = ListFormat(
            user: invocation.template,
            defaultTable: ContainerRow.defaultTableFormat + (arguments.isOn("size") ? "\t{{.Size}}" : ""),
            quiet: arguments.isOn("quiet"))
        _ = try format.headers(for: ContainerRow.self)
        let request = EngineRequests.listContainers(all: arguments.isOn("all"), limit: last, size: size, filters: filters)
        let truncate = !arguments.isOn("no-trunc")
        let answers = await invocation.answers { host in
            try await host.decode([ContainerSummary].self, request)
        }
        let now = Date()
        try format.present(answers.map { answer in
            (answer.host.name, answer.value.map { ContainerRow($0, truncate: truncate, now: now) })
        }, to: invocation)
    }
}
