internal import CPosix
#if canImport(Glibc)
import Glibc
#endif
import Foundation
import NIOConcurrencyHelpers

/// One child `ssh`, started with posix_spawnp in a process group of its own (so the terminal's
/// Ctrl-C reaches dmux, not its ssh sessions) with only the descriptors handed to it.
///
/// A thread of its own keeps the tail of its stderr (ssh's reason, when it fails) and reaps it,
/// so no ssh of dmux's is ever left a zombie; `terminate` signals it only while it is unreaped,
/// so a recycled pid is never hit.
final class SSHProcess: Sendable {
    struct Exit: Sendable {
        /// The exit status, or 128 + the signal that ended it.
        let status: Int32
        /// The last 16 KiB of what it wrote to stderr.
        let stderr: String
    }

    let pid: pid_t
    private let state = NIOLockedValueBox(State())

    private struct State {
        var exit: Exit?
        var waiters: [@Sendable (Exit) -> Void] = []
    }

    /// Starts `argv` with `stdin`/`stdout` as given (nil: /dev/null) and stderr on a pipe of ours
    /// (stdout too with `stdoutToStderr`, for a short answer such as `ssh -G`'s). The caller
    /// closes its copies of the child's ends once this returns.
    init(_ argv: [String], stdin: Int32?, stdout: Int32?, stdoutToStderr: Bool = false) throws(SSHSpawnError) {
        var errPipe: [Int32] = [0, 0]
        guard SSHProcess.makePipe(&errPipe) else { throw SSHSpawnError(reason: "cannot create a pipe: \(String(cString: strerror(errno)))") }
        let cArguments = argv.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        var pid: pid_t = 0
        let status = dmux_spawn(&pid, argv[0], cArguments, environ, stdin ?? -1, stdoutToStderr ? errPipe[1] : stdout ?? -1, errPipe[1], 1)
        close(errPipe[1])
        guard status == 0 else {
            close(errPipe[0])
            throw SSHSpawnError(reason: status == ENOENT ? "\(argv[0]): command not found (install the OpenSSH client)" : "\(argv[0]): \(String(cString: strerror(status)))")
        }
        self.pid = pid
        let child = pid
        let errorOutput = errPipe[0]
        let thread = Thread { [self] in
            let text = Self.drainTail(errorOutput)
            // Wait without reaping, so the pid stays ours until `state` says it is gone.
            var info = siginfo_t()
            while waitid(P_PID, id_t(child), &info, WEXITED | WNOWAIT) < 0 && errno == EINTR {}
            var raw: Int32 = 0
            let waiters = state.withLockedValue { state in
                while waitpid(child, &raw, 0) < 0 && errno == EINTR {}
                let code = raw & 0x7f == 0 ? (raw >> 8) & 0xff : 128 + (raw & 0x7f)
                state.exit = Exit(status: code, stderr: text)
                defer { state.waiters.removeAll() }
                return state.waiters
            }
            let exit = state.withLockedValue { $0.exit! }
            for waiter in waiters { waiter(exit) }
        }
        thread.stackSize = 128 * 1024
        thread.start()
    }

    /// How it ended, once it has.
    func exit() async -> Exit {
        await exit(within: nil)!
    }

    /// How it ended, or nil if it is still running after `seconds`.
    func exit(within seconds: Double?) async -> Exit? {
        await withCheckedContinuation { (continuation: CheckedContinuation<Exit?, Never>) in
            let once = NIOLockedValueBox<CheckedContinuation<Exit?, Never>?>(continuation)
            let resume: @Sendable (Exit?) -> Void = { exit in
                once.withLockedValue { pending in
                    pending?.resume(returning: exit)
                    pending = nil
                }
            }
            let done: Exit? = state.withLockedValue { state in
                if let exit = state.exit { return exit }
                state.waiters.append { resume($0) }
                return nil
            }
            if let done { return resume(done) }
            if let seconds {
                Task {
                    try? await Task.sleep(for: .milliseconds(Int(seconds * 1000)))
                    resume(nil)
                }
            }
        }
    }

    var hasExited: Bool { state.withLockedValue { $0.exit != nil } }

    /// Sends `signal` unless it has already been reaped.
    func terminate(_ signal: Int32 = SIGTERM) {
        state.withLockedValue { state in
            if state.exit == nil { kill(pid, signal) }
        }
    }

    /// A pipe whose ends no spawned program inherits by accident (children get only what
    /// `posix_spawn_file_actions_adddup2` hands them, and `closefrom` drops the rest anyway).
    static func makePipe(_ fds: inout [Int32]) -> Bool {
        guard pipe(&fds) == 0 else { return false }
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        return true
    }

    /// Reads to end of file, keeping the last 16 KiB.
    private static func drainTail(_ fd: Int32) -> String {
        var kept: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = read(fd, &chunk, chunk.count)
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { break }
            kept += chunk[0..<count]
            if kept.count > 16384 { kept.removeFirst(kept.count - 16384) }
        }
        close(fd)
        return String(decoding: kept, as: UTF8.self)
    }
}

struct SSHSpawnError: Error, Sendable {
    let reason: String
}
