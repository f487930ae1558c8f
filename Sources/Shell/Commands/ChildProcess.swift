internal import CPosix
#if canImport(Glibc)
import Glibc
#endif
import DockerAPI
import Foundation
import NIOConcurrencyHelpers

/// A local program started with `posix_spawnp` (argv as given, no shell), in a process group of
/// its own, its stdout and stderr read as whole lines on a thread of its own (blocking reads stay
/// off the cooperative pool). Its stdin is dmux's terminal when dmux has one in the foreground
/// (the child gets the terminal when it reads it: see `PassthroughJob`), else /dev/null.
/// Cancelling the waiting task ends the program and its process group (SIGTERM, then SIGKILL).
enum ChildProcess {
    enum Termination: Sendable, Hashable {
        case exited(Int32)
        case signalled(Int32)
    }

    struct SpawnError: Error, Sendable, CustomStringConvertible {
        let description: String
    }

    static func run(
        _ argv: [String],
        environment: [String: String],
        terminal: TerminalLender? = TerminalLender.current,
        onLine: @escaping @Sendable (_ text: String, _ stderr: Bool) -> Void
    ) async throws -> Termination {
        let supervisor = NIOLockedValueBox<ChildSupervisor?>(nil)
        let termination = try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                do {
                    let stdinIsTerminal = terminal != nil && isatty(0) == 1
                    let (child, out, err) = try spawn(argv, environment: environment, terminalInput: stdinIsTerminal)
                    let watcher = ChildSupervisor(pid: child, terminal: terminal)
                    supervisor.withLockedValue { $0 = watcher }
                    // Cancelled before the supervisor was known: the handler below found nothing to cancel.
                    if Task.isCancelled { watcher.cancel() }
                    let thread = Thread {
                        continuation.resume(returning: watcher.run(out: out, err: err, onLine: onLine))
                    }
                    thread.start()
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        } onCancel: {
            supervisor.withLockedValue { $0 }?.cancel()
        }
        // Ended because of Ctrl-C: the interrupt is the report, not "killed by signal 15".
        if Task.isCancelled { throw CancellationError() }
        return termination
    }

    /// Runs the program on dmux's own terminal, in the foreground (dmux's process group), with
    /// stdin, stdout and stderr inherited: an interactive login (`machine ssh NAME`).
    static func runOnTerminal(_ argv: [String], environment: [String: String]) async throws -> Termination {
        let cArguments = argv.map { strdup($0) } + [nil]
        let cEnvironment = environment.map { strdup("\($0)=\($1)") } + [nil]
        defer { (cArguments + cEnvironment).forEach { free($0) } }
        var pid: pid_t = 0
        let status = dmux_spawn(&pid, argv[0], cArguments, cEnvironment, 0, 1, 2, 0)
        guard status == 0 else {
            throw SpawnError(description: "\(argv[0]): \(status == ENOENT ? "command not found" : String(cString: strerror(status)))")
        }
        let child = pid
        return await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: reap(child)) }.start()
        }
    }

    /// Starts the program in a process group of its own, with default signal handling and mask.
    private static func spawn(_ argv: [String], environment: [String: String], terminalInput: Bool) throws -> (pid_t, Int32, Int32) {
        var out: [Int32] = [0, 0]
        var err: [Int32] = [0, 0]
        guard pipe(&out) == 0, pipe(&err) == 0 else { throw SpawnError(description: "cannot create pipes: \(String(cString: strerror(errno)))") }
        for fd in out + err { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        let cArguments = argv.map { strdup($0) } + [nil]
        let cEnvironment = environment.map { strdup("\($0)=\($1)") } + [nil]
        defer { (cArguments + cEnvironment).forEach { free($0) } }
        var pid: pid_t = 0
        // Nothing else of dmux's (engine sockets, other children's pipes) reaches the program.
        let status = dmux_spawn(&pid, argv[0], cArguments, cEnvironment, terminalInput ? 0 : -1, out[1], err[1], 1)
        close(out[1])
        close(err[1])
        guard status == 0 else {
            close(out[0])
            close(err[0])
            let reason = status == ENOENT ? "command not found" : String(cString: strerror(status))
            throw SpawnError(description: "\(argv[0]): \(reason)")
        }
        return (pid, out[0], err[0])
    }

    /// Waits for `pid` to end: a login on dmux's own terminal has nothing to supervise.
    private static func reap(_ pid: pid_t) -> Termination {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        if dmux_wait_status_signalled(status) != 0 { return .signalled(dmux_wait_status_signal(status)) }
        return .exited(dmux_wait_status_exit_code(status))
    }
}
