#if canImport(Glibc)
import Glibc
#endif
@preconcurrency import Dispatch
import DockerAPI
import FanOut
import NIOCore
import Transport

/// `exec -it` on one host: the terminal in raw mode, every key copied to the process through the
/// hijacked connection, its output written to stdout as it comes, the window size followed on
/// SIGWINCH, and docker's detach keys (ctrl-p, ctrl-q) ending the session without stopping it.
struct ExecTerminalSession: Sendable {
    let container: String
    let config: ExecCreateConfig
    let detachKeys: [UInt8]

    init(container: String, config: ExecCreateConfig, detachKeys: [UInt8]) {
        self.container = container
        var config = config
        config.tty = true
        config.attachStdin = true
        self.config = config
        self.detachKeys = detachKeys
    }

    /// The process's exit code, or nil after a detach.
    func run(on host: HostSession, terminal: RawTerminal) async throws -> Int? {
        try HijackGuard.check(host, command: "exec -it")
        let id = try await host.decode(CreatedResponse.self, EngineRequests.createExec(container, config: config)).id
        let size = RawTerminal.size(of: 1) ?? RawTerminal.size(of: 0)
        let detached = try await host.stream(EngineRequests.startExec(id, tty: true, consoleSize: size)) { response in
            terminal.makeRaw()
            defer { terminal.restore() }
            // API < 1.42 ignores ConsoleSize: size the TTY now that the process runs.
            if let size { _ = try? await host.send(EngineRequests.resizeExec(id, height: size.height, width: size.width)) }
            let resizer = WindowResizeWatcher { height, width in
                Task { _ = try? await host.send(EngineRequests.resizeExec(id, height: height, width: width)) }
            }
            defer { resizer.stop() }
            return try await TerminalPump(detachKeys: detachKeys).run(response)
        }
        if detached { return nil }
        return try await ExecCommand.exitCode(of: id, on: host)
    }
}

/// Calls `onResize` with the terminal's new rows and columns each time SIGWINCH arrives.
final class WindowResizeWatcher: @unchecked Sendable {  // DispatchSource is thread-safe
    private let source: DispatchSourceSignal

    init(onResize: @escaping @Sendable (Int, Int) -> Void) {
        signal(SIGWINCH, SIG_IGN)
        source = DispatchSource.makeSignalSource(signal: SIGWINCH, queue: .global())
        source.setEventHandler {
            if let size = RawTerminal.size(of: 1) ?? RawTerminal.size(of: 0) { onResize(size.height, size.width) }
        }
        source.resume()
    }

    func stop() {
        source.cancel()
    }
}
