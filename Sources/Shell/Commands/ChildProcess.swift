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

    /// Starts the program in a process group of its own, with default signal handling and mask.
    private static func spawn(_ argv: [String], environment: [String: String], terminalInput: Bool) throws -> (pid_t, Int32, Int32) {
        var out: [Int32] = [0, 0]
        var err: [Int32] = [0, 0]
        guard pipe(&out) == 0, pipe(&err) == 0 else { throw SpawnError(description: "cannot create pipes: \(String(cString: strerror(errno)))") }
        for fd in out + err { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if !terminalInput { posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0) }
        posix_spawn_file_actions_adddup2(&actions, out[1], 1)
        posix_spawn_file_actions_adddup2(&actions, err[1], 2)
        // Nothing else of dmux's (engine sockets, other children's pipes) reaches the program.
        dmux_spawn_closefrom(&actions, 3)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        dmux_spawnattr_fresh_group(&attributes)

        let cArguments = argv.map { strdup($0) } + [nil]
        let cEnvironment = environment.map { strdup("\($0)=\($1)") } + [nil]
        defer { (cArguments + cEnvironment).forEach { free($0) } }
        var pid: pid_t = 0
        let status = posix_spawnp(&pid, argv[0], &actions, &attributes, cArguments, cEnvironment)
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
}
