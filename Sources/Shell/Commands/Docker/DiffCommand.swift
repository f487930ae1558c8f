import DockerAPI

/// `diff CONTAINER`: the files changed in a container's filesystem on every target, docker's
/// `C /etc` lines (docker/cli cli/command/container/diff.go).
enum DiffCommand {
    static let spec = CommandSpec(
        name: "diff", summary: "Inspect changes to files or directories on a container's filesystem", scope: .engines,
        arguments: [ArgumentSpec("CONTAINER", completion: .container)],
        shape: .lines
    ) { invocation in
        let words = try invocation.requireArguments(1, "CONTAINER")
        guard words.count == 1 else { throw ShellUsageError("\"diff\" requires exactly 1 argument") }
        guard !words[0].isEmpty else { throw ShellUsageError("Container name cannot be empty") }
        let presenter = invocation.presenter
        await invocation.eachHost { host in
            // The engine answers null for a container without changes.
            let changes = try await host.decode([FilesystemChange]?.self, EngineRequests.changes(words[0])) ?? []
            presenter.lines(host: host.name, changes.map { change in
                OutputLine(text: "\(change.kindLetter) \(change.path)", json: .object([
                    ("kind", .string(change.kindLetter)), ("path", .string(change.path)),
                ]))
            })
        }
    }
}
