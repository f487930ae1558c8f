internal import CPosix
#if canImport(Glibc)
import Glibc
#endif
import DockerAPI
import Foundation
import NIOConcurrencyHelpers

/// A local program started with `posix_spawnp` (argv as given, no shell), stdin from /dev/null,
/// its stdout and stderr read as whole lines on a thread of its own (blocking reads stay off the
/// cooperative pool). Cancelling the waiting task terminates the program and its process group.
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
        onLine: @escaping @Sendable (_ text: String, _ stderr: Bool) -> Void
    ) async throws -> Termination {
        let pid = NIOLockedValueBox<pid_t?>(nil)
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                do {
                    let (child, out, err) = try spawn(argv, environment: environment)
                    pid.withLockedValue { $0 = child }
                    let reader = Thread {
                        drain(out: out, err: err, onLine: onLine)
                        continuation.resume(returning: reap(child))
                    }
                    reader.start()
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        } onCancel: {
            if let child = pid.withLockedValue({ $0 }) { kill(-child, SIGTERM) }
        }
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
    private static func spawn(_ argv: [String], environment: [String: String]) throws -> (pid_t, Int32, Int32) {
        var out: [Int32] = [0, 0]
        var err: [Int32] = [0, 0]
        guard pipe(&out) == 0, pipe(&err) == 0 else { throw SpawnError(description: "cannot create pipes: \(String(cString: strerror(errno)))") }
        for fd in out + err { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        let cArguments = argv.map { strdup($0) } + [nil]
        let cEnvironment = environment.map { strdup("\($0)=\($1)") } + [nil]
        defer { (cArguments + cEnvironment).forEach { free($0) } }
        var pid: pid_t = 0
        // Nothing else of dmux's (engine sockets, other children's pipes) reaches the program.
        let status = dmux_spawn(&pid, argv[0], cArguments, cEnvironment, -1, out[1], err[1], 1)
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

    /// Reads both pipes to their ends, handing on each whole line (and a last partial one).
    private static func drain(out: Int32, err: Int32, onLine: @Sendable (String, Bool) -> Void) {
        var splitters: [Int32: LineSplitter] = [out: LineSplitter(), err: LineSplitter()]
        var open: [Int32] = [out, err]
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while !open.isEmpty {
            var fds = open.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            if poll(&fds, nfds_t(fds.count), -1) < 0 {
                if errno == EINTR { continue }
                break
            }
            for entry in fds where entry.revents != 0 {
                let count = read(entry.fd, &chunk, chunk.count)
                if count < 0 && (errno == EINTR || errno == EAGAIN) { continue }
                if count <= 0 {
                    if let last = splitters[entry.fd]?.finish() { onLine(String(decoding: last, as: UTF8.self), entry.fd == err) }
                    close(entry.fd)
                    open.removeAll { $0 == entry.fd }
                    continue
                }
                for line in splitters[entry.fd]!.feed(chunk[0..<count]) {
                    onLine(String(decoding: line, as: UTF8.self), entry.fd == err)
                }
            }
        }
        for fd in open { close(fd) }
    }

    private static func reap(_ pid: pid_t) -> Termination {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        if status & 0x7f == 0 { return .exited((status >> 8) & 0xff) }
        return .signalled(status & 0x7f)
    }
}
