internal import CPosix
import Core
import DockerAPI
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Watches one passthrough child on a thread of its own: reads its output pipes as whole lines,
/// notices when it stops (to lend it the terminal, or end it) and when it ends, and carries out
/// cancellation. The decisions are `PassthroughJob`'s; this type only performs them.
final class ChildSupervisor: @unchecked Sendable {
    // @unchecked: `job` and `finished` are guarded by `lock`; the rest never changes.
    /// How long a cancelled child has between SIGTERM and SIGKILL.
    static let killGrace: Double = 3

    let pid: pid_t
    private let terminal: TerminalLender?
    private let lock = NSLock()
    private var job: PassthroughJob
    /// The child was reaped and its pipes closed: its group id may belong to someone else now.
    private var finished = false

    init(pid: pid_t, terminal: TerminalLender?) {
        self.pid = pid
        self.terminal = terminal
        self.job = PassthroughJob(canLend: terminal != nil)
    }

    /// Ctrl-C: SIGTERM (with SIGCONT) now, SIGKILL after the grace period.
    func cancel() {
        handle(.cancelled)
        terminal?.wakeWaiters()
    }

    /// Reads both pipes to their ends and reaps the child; returns how it ended.
    func run(out: Int32, err: Int32, onLine: (String, Bool) -> Void) -> ChildProcess.Termination {
        var splitters: [Int32: LineSplitter] = [out: LineSplitter(), err: LineSplitter()]
        var open: [Int32] = [out, err]
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        var termination: ChildProcess.Termination?
        while !open.isEmpty || termination == nil {
            if termination == nil {
                // Block only when there is nothing to read; else look in between reads (stops included).
                termination = reap(blocking: open.isEmpty)
            }
            if open.isEmpty { continue }
            var fds = open.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            if poll(&fds, nfds_t(fds.count), termination == nil ? 100 : -1) < 0 {
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
        lock.withLock { finished = true }
        return termination ?? .exited(-1)
    }

    /// One `waitpid`: a stop is handled here (which may wait for the terminal); an end is returned.
    private func reap(blocking: Bool) -> ChildProcess.Termination? {
        var status: Int32 = 0
        let result = waitpid(pid, &status, WUNTRACED | (blocking ? 0 : WNOHANG))
        if result < 0 {
            return errno == EINTR ? nil : .exited(-1)
        }
        guard result == pid else { return nil }
        if dmux_wait_status_stopped(status) != 0 {
            handle(.stopped(signal: dmux_wait_status_stop_signal(status)))
            return nil
        }
        handle(.ended)
        if dmux_wait_status_signalled(status) != 0 { return .signalled(dmux_wait_status_signal(status)) }
        return .exited(dmux_wait_status_exit_code(status))
    }

    private func handle(_ event: PassthroughJob.Event) {
        let actions = lock.withLock { finished ? [] : job.handle(event) }
        for action in actions { perform(action) }
    }

    private var cancelled: Bool { lock.withLock { job.terminating } }

    private func perform(_ action: PassthroughJob.Action) {
        switch action {
        case .lendTerminal:
            let lent = terminal?.lend(to: pid) { cancelled } ?? false
            handle(lent ? .terminalLent : .terminalRefused)
        case .resume:
            signalGroup(SIGCONT)
        case .takeTerminalBack:
            terminal?.takeBack(from: pid)
        case .terminate:
            signalGroup(SIGTERM)
            signalGroup(SIGCONT)
            DispatchQueue.global().asyncAfter(deadline: .now() + Self.killGrace) { [self] in handle(.graceExpired) }
        case .kill:
            signalGroup(SIGKILL)
        }
    }

    private func signalGroup(_ signal: Int32) {
        lock.withLock { if !finished { _ = kill(-pid, signal) } }
    }
}
