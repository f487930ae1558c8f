import DockerAPI

/// `history IMAGE`: the layers of an image on every target, docker's table with `--no-trunc`,
/// `-q`, `-H` and `--format` (docker/cli cli/command/image/history.go).
enum HistoryCommand {
    static let spec = CommandSpec(
        name: "history", summary: "Show the history of an image", scope: .engines,
        flags: [
            FlagSpec("human", short: "H", help: "Print sizes and dates in human readable format (default true; --human=false for raw)"),
            FlagSpec("quiet", short: "q", help: "Only show image IDs"),
            ListCommands.noTruncFlag,
        ],
        arguments: [ArgumentSpec("IMAGE", completion: .image)],
        shape: .table
    ) { invocation in
        let words = try invocation.requireArguments(1, "IMAGE")
        guard words.count == 1 else { throw ShellUsageError("\"history\" requires exactly 1 argument") }
        let arguments = invocation.arguments
        let human = arguments.value("human").map { $0 != "false" && $0 != "0" } ?? true
        let format = ListFormat(user: invocation.template,
                                defaultTable: human ? HistoryRow.defaultTableFormat : HistoryRow.nonHumanTableFormat,
                                quiet: arguments.isOn("quiet"))
        _ = try format.headers(for: HistoryRow.self)
        let truncate = !arguments.isOn("no-trunc")
        let answers = await invocation.answers { host in
            try await host.decode([ImageHistoryItem].self, EngineRequests.history(words[0]))
        }
        try format.present(answers.map { answer in
            (answer.host.name, answer.value.map { HistoryRow($0, truncate: truncate, human: human) })
        }, to: invocation)
    }
}
