import DockerAPI
import FanOut
import NIOCore

/// `exec`: run a command in a running container on every target, stream its output and report
/// each host's exit code. `-i` copies dmux's stdin to every process (half-closed at its end);
/// `-it` on one host is an interactive session in a raw terminal (`ExecTerminalSession`).
enum ExecCommand {
    static let spec = CommandSpec(
        name: "exec", summary: "Run a command in a running container on every target; -it on one host for a terminal",
        scope: .engines,
        flags: [
            FlagSpec("detach", short: "d", help: "Detached mode: run the command in the background"),
            FlagSpec("env", short: "e", value: "list", repeatable: true, help: "Set environment variables (K=V, or K to copy dmux's own)"),
            FlagSpec("workdir", short: "w", value: "string", help: "Working directory inside the container"),
            FlagSpec("user", short: "u", value: "string", help: "Username or UID (format: <name|uid>[:<group|gid>])"),
            FlagSpec("interactive", short: "i", help: "Copy dmux's stdin to the command (with -t: one host, a raw terminal)"),
            FlagSpec("tty", short: "t", help: "Allocate a pseudo-TTY"),
            FlagSpec("detach-keys", value: "string", help: "Key sequence for detaching an -it session (default ctrl-p,ctrl-q)"),
        ],
        arguments: [ArgumentSpec("CONTAINER", completion: .container), ArgumentSpec("COMMAND"), ArgumentSpec("ARG", repeats: true, optional: true)],
        shape: .lines, flagsEndAtFirstArgument: true
    ) { invocation in
        try await run(invocation)
    }

    static func run(_ invocation: Invocation) async throws {
        let words = invocation.arguments.positional
        let arguments = invocation.arguments
        let interactive = arguments.isOn("interactive")
        let tty = arguments.isOn("tty")
        let detach = arguments.isOn("detach")
        let config = ExecCreateConfig(
            cmd: Array(words.dropFirst()), tty: tty, attachStdin: interactive && !detach,
            env: RunCommand.environment(arguments.all("env"), from: invocation.shell.environment),
            workingDir: arguments.value("workdir"), user: arguments.value("user"))
        let container = words[0]
        let presenter = invocation.presenter
        if interactive && tty && !detach {
            guard invocation.targets.count == 1 else {
                throw ShellUsageError("exec -it needs exactly one host, not \(invocation.targets.count) (pick one with @NAME)")
            }
            guard let terminal = RawTerminal(fd: 0) else { throw ShellUsageError("the input device is not a TTY") }
            var keys = DetachKeyMatcher.dockerDefault
            if let spec = arguments.value("detach-keys") {
                guard let parsed = DetachKeyMatcher.parse(spec) else { throw ShellUsageError("invalid detach keys '\(spec)'") }
                keys = parsed
            }
            let session = ExecTerminalSession(container: container, config: config, detachKeys: keys)
            await invocation.eachHost(timeout: .some(nil)) { host in
                try await session.run(on: host, terminal: terminal)
            } onSuccess: { host, code in
                if let code { ExitCodeReport.report(host: host.name, code: code, presenter: presenter) }
            }
            return
        }
        let input = interactive && !detach ? StdinBroadcast(hosts: invocation.targets.count) : nil
        defer { input?.stop() }
        await invocation.eachHost(timeout: detach ? .none : .some(nil)) { host in
            let chunks = input?.subscribe()
            return try await execOne(container, config: config, detach: detach, input: chunks, on: host, presenter: presenter)
        } onSuccess: { host, code in
            if let code { ExitCodeReport.report(host: host.name, code: code, presenter: presenter) }
        }
    }

    /// One host's exec; its exit code, or nil when detached.
    static func execOne(
        _ container: String, config: ExecCreateConfig, detach: Bool, input: AsyncStream<[UInt8]>?,
        on host: HostSession, presenter: Presenter
    ) async throws -> Int? {
        if !detach { try HijackGuard.check(host, command: "exec without -d") }
        let created = try await host.decode(CreatedResponse.self, EngineRequests.createExec(container, config: config))
        if detach {
            _ = try await host.send(EngineRequests.startExec(created.id, tty: config.tty, detach: true))
            return nil
        }
        let pump = OutputPump(host: host.name, presenter: presenter, tty: config.tty)
        try await host.stream(EngineRequests.startExec(created.id, tty: config.tty)) { response in
            guard let input else { return try await pump.drain(response) }
            let handle = StreamHandle(stream: response)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await copy(input, to: handle) }
                try await pump.drain(response)
                // The process ended: whatever stdin still holds is not wanted any more.
                group.cancelAll()
                try? await group.waitForAll()
            }
        }
        return try await exitCode(of: created.id, on: host)
    }

    /// Copies stdin to the process, then half-closes so it sees end of input.
    static func copy(_ input: AsyncStream<[UInt8]>, to handle: StreamHandle) async throws {
        for await chunk in input {
            try Task.checkCancellation()
            try await handle.stream.write(ByteBuffer(bytes: chunk))
        }
        try Task.checkCancellation()
        try await handle.stream.finishWriting()
    }

    /// `GET /exec/{id}/json` until it stops running (its output can end a moment before its state).
    static func exitCode(of id: String, on host: HostSession) async throws -> Int {
        for _ in 0..<50 {
            let inspect = try await host.decode(ExecInspect.self, EngineRequests.inspectExec(id))
            if !inspect.running, let code = inspect.exitCode { return code }
            try await Task.sleep(for: .milliseconds(40))
        }
        throw EngineAPIError(status: 200, message: "the exec's output ended but the engine still reports it running")
    }
}
