import DockerAPI
import FanOut
import NIOCore
import Transport

/// `attach CONTAINER` on one host: the container's own stdio, as `docker attach` gives it
/// (docker/cli cli/command/container/attach.go). A TTY container on a terminal is a raw session
/// with docker's detach keys (TerminalPump, as `exec -it`); otherwise its output streams and,
/// unless `--no-stdin`, dmux's stdin goes to it. The container's exit code is the status.
enum AttachCommand {
    static let spec = CommandSpec(
        name: "attach", summary: "Attach local standard input, output, and error streams to a running container (one host)", scope: .engines,
        flags: [
            FlagSpec("detach-keys", value: "string", help: "Override the key sequence for detaching a container"),
            FlagSpec("no-stdin", help: "Do not attach STDIN"),
            FlagSpec("sig-proxy", help: "Proxy Ctrl-C to the process as SIGINT (default true; --sig-proxy=false to end the attach only)"),
        ],
        arguments: [ArgumentSpec("CONTAINER", completion: .container)],
        shape: .lines
    ) { invocation in
        let words = try invocation.requireArguments(1, "CONTAINER")
        guard words.count == 1 else { throw ShellUsageError("\"attach\" requires exactly 1 argument") }
        guard invocation.targets.count == 1 else {
            throw ShellUsageError("attach needs exactly one host, not \(invocation.targets.count) (pick one with @NAME)")
        }
        let arguments = invocation.arguments
        var keys = DetachKeyMatcher.dockerDefault
        if let spec = arguments.value("detach-keys") {
            guard let parsed = DetachKeyMatcher.parse(spec) else { throw ShellUsageError("invalid detach keys '\(spec)'") }
            keys = parsed
        }
        let options = Options(
            container: words[0], detachKeys: keys, stdin: !arguments.isOn("no-stdin"),
            proxySignals: arguments.value("sig-proxy").map { $0 != "false" && $0 != "0" } ?? true)
        let presenter = invocation.presenter
        await invocation.eachHost(timeout: .some(nil)) { host in
            try await attach(options, on: host, presenter: presenter)
        } onSuccess: { host, code in
            if let code { ExitCodeReport.report(host: host.name, code: code, presenter: presenter) }
        }
    }

    struct Options: Sendable {
        var container: String
        var detachKeys: [UInt8]
        var stdin: Bool
        var proxySignals: Bool
    }

    /// The container's exit code, or nil after a detach.
    static func attach(_ options: Options, on host: HostSession, presenter: Presenter) async throws -> Int? {
        try HijackGuard.check(host, command: "attach")
        let inspect = try await host.decode(ContainerInspect.self, EngineRequests.inspectContainer(options.container))
        if let state = inspect.state, let refusal = refusal(state) {
            throw HostFailure(host: host.name, kind: .failed, message: refusal, dockerMessage: refusal)
        }
        let id = inspect.id
        let tty = inspect.config?.tty ?? false
        let stdin = options.stdin && inspect.config?.openStdin == true
        let terminal = tty && stdin ? RawTerminal(fd: 0) : nil
        let request = EngineRequests.attach(id, stdin: stdin, stdout: true, stderr: true)
        let detached: Bool = try await host.stream(request) { response in
            if let terminal {
                terminal.makeRaw()
                defer { terminal.restore() }
                if let size = RawTerminal.size(of: 1) ?? RawTerminal.size(of: 0) {
                    _ = try? await host.send(EngineRequests.resizeContainer(id, height: size.height, width: size.width))
                }
                let resizer = WindowResizeWatcher { height, width in
                    Task { _ = try? await host.send(EngineRequests.resizeContainer(id, height: height, width: width)) }
                }
                defer { resizer.stop() }
                return try await TerminalPump(detachKeys: options.detachKeys).run(response)
            }
            let pump = OutputPump(host: host.name, presenter: presenter, tty: tty)
            // docker's sig-proxy: Ctrl-C reaches the process instead of only ending the attach.
            return try await withTaskCancellationHandler {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    if stdin {
                        let handle = StreamHandle(stream: response)
                        group.addTask { try await copyStdin(to: handle) }
                    }
                    try await pump.drain(response)
                    group.cancelAll()
                    try? await group.waitForAll()
                }
                return false
            } onCancel: {
                if options.proxySignals && !tty {
                    Task.detached { _ = try? await host.send(EngineRequests.kill(id, signal: "SIGINT")) }
                }
            }
        }
        if detached { return nil }
        let waited = try await host.decode(WaitResponse.self, EngineRequests.wait(id))
        if let message = waited.errorMessage { throw EngineAPIError(status: 200, message: message) }
        return waited.statusCode
    }

    /// docker's refusals before attaching (attach.go, inspectContainerAndCheckState).
    static func refusal(_ state: ContainerInspect.State) -> String? {
        if !state.running { return "You cannot attach to a stopped container, start it first" }
        if state.paused { return "You cannot attach to a paused container, unpause it first" }
        if state.restarting { return "You cannot attach to a restarting container, wait until it is running" }
        return nil
    }

    /// dmux's stdin to the process until it ends, then half-closed.
    private static func copyStdin(to handle: StreamHandle) async throws {
        let reader = StdinReader()
        defer { reader.stop() }
        for await chunk in reader.chunks() {
            try Task.checkCancellation()
            try await handle.stream.write(ByteBuffer(bytes: chunk))
        }
        try await handle.stream.finishWriting()
    }
}
