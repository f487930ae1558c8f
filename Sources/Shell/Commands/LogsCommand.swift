import DockerAPI
import FanOut

/// `logs`: the output of one or more containers on every target host, whole lines prefixed with
/// the host (and the container when there are several); stderr lines go to stderr.
enum LogsCommand {
    static let spec = CommandSpec(
        name: "logs", summary: "Fetch the logs of one or more containers",
        scope: .engines,
        flags: [
            FlagSpec("follow", short: "f", help: "Follow log output"),
            FlagSpec("tail", short: "n", value: "string", help: "Number of lines to show from the end of the logs (default \"all\")"),
            FlagSpec("since", value: "string", help: "Show logs since timestamp (e.g. \"2013-01-02T13:23:37Z\") or relative (e.g. \"42m\")"),
            FlagSpec("until", value: "string", help: "Show logs before a timestamp (e.g. \"2013-01-02T13:23:37Z\") or relative (e.g. \"42m\")"),
            FlagSpec("timestamps", short: "t", help: "Show timestamps"),
        ],
        arguments: [ContainerCommands.containers], shape: .lines
    ) { invocation in
        let names = invocation.arguments.positional
        let arguments = invocation.arguments
        let since = try arguments.value("since").map { value throws(ShellUsageError) in try DockerTimestamp.parse(value) }
        let until = try arguments.value("until").map { value throws(ShellUsageError) in try DockerTimestamp.parse(value) }
        let tail = arguments.value("tail")
        if let tail, tail != "all", Int(tail) == nil {
            throw ShellUsageError("invalid argument \"\(tail)\" for \"--tail\" flag: a number or \"all\"")
        }
        let follow = arguments.isOn("follow")
        let timestamps = arguments.isOn("timestamps")
        let presenter = invocation.presenter
        let width = names.map(\.count).max() ?? 0
        let json = presenter.shape == .json
        // A stream has no per-host limit; connecting still has one (the host session's connect timeout).
        await invocation.eachHost(timeout: .some(nil)) { host in
            try await PerContainer.run(names, on: host, presenter: presenter) { name in
                let label = names.count > 1 ? name + String(repeating: " ", count: width - name.count) + " | " : ""
                let request = EngineRequests.containerLogs(
                    name, follow: follow, tail: tail, since: since, until: until, timestamps: timestamps)
                // One host, one container: docker's bytes as they come (cli/command/container/logs.go).
                if presenter.asDocker && names.count == 1 {
                    let inspect = try await host.decode(ContainerInspect.self, EngineRequests.inspectContainer(name))
                    return try await host.stream(request) { response in
                        try await RawOutputCopier.copy(response, tty: inspect.isTTY, to: presenter.console)
                    }
                }
                try await stream(request, container: name, on: host) { lines in
                    presenter.lines(host: host.name, lines.map { line in
                        OutputLine(text: label + line.text, stderr: line.stderr, json: !json ? nil : .object([
                            ("container", .string(name)), ("stream", .string(line.stderr ? "stderr" : "stdout")),
                            ("line", .string(line.text)),
                        ]))
                    })
                }
            }
        }
    }

    /// Inspects the container for its framing, then reads its logs: the next piece is read only
    /// once the previous one's lines were written (backpressure).
    static func stream(
        _ request: APIRequest,
        container: String,
        on host: HostSession,
        emit: ([OutputLineAssembler.Line]) -> Void
    ) async throws {
        let inspect = try await host.decode(ContainerInspect.self, EngineRequests.inspectContainer(container))
        try await host.stream(request) { response in
            try await OutputLineAssembler.read(response, tty: inspect.isTTY, emit: emit)
        }
    }
}
