import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Write end of the self-pipe, read by the signal handler. Set once, before the handler is
/// installed, and never changed: the handler only loads it.
nonisolated(unsafe) private var signalPipeWriteEnd: Int32 = -1

/// Async-signal-safe: one `write` of the signal number, errno preserved.
private func forwardSignal(_ signal: Int32) {
    let savedErrno = errno
    var byte = UInt8(truncatingIfNeeded: signal)
    _ = write(signalPipeWriteEnd, &byte, 1)
    errno = savedErrno
}

/// Process-wide owner of SIGINT (and SIGWINCH): one `sigaction` handler that writes to a
/// self-pipe, and one thread that reads the pipe and routes each signal.
///
/// Why this design: a process-directed signal lands on an arbitrary thread (NIO's, the
/// cooperative pool's), so nothing may depend on *which* thread it interrupts. The handler only
/// writes a byte; the router thread decides: while a prompt is reading, SIGINT goes to the
/// editor (which clears the line and returns `.interrupt`); otherwise it goes to every
/// `InterruptMonitor` subscriber (the running command cancels). SIGINT is installed without
/// `SA_RESTART` so a blocking read on any thread returns `EINTR` rather than hiding the signal.
/// Once installed, SIGINT no longer kills the process: with no prompt and no subscriber it is
/// dropped.
final class SigintRouter: @unchecked Sendable {
    // @unchecked: mutable state is guarded by `lock`; the pipe fds never change after init.
    static let shared = SigintRouter()

    private let lock = NSLock()
    private var subscribers: [UInt64: AsyncStream<Void>.Continuation] = [:]
    private var nextID: UInt64 = 0
    private var editor: (@Sendable (Int32) -> Void)?
    private let readEnd: Int32

    private init() {
        var fds: [Int32] = [0, 0]
        precondition(pipe(&fds) == 0, "pipe() failed for the SIGINT self-pipe: errno \(errno)")
        readEnd = fds[0]
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        _ = fcntl(fds[1], F_SETFL, fcntl(fds[1], F_GETFL) | O_NONBLOCK)
        signalPipeWriteEnd = fds[1]
        Self.install(SIGINT, flags: 0)
        Self.install(SIGWINCH, flags: Int32(SA_RESTART))
        let thread = Thread { [self] in run() }
        thread.name = "dmux-signals"
        thread.start()
    }

    private static func install(_ signal: Int32, flags: Int32) {
        var action = sigaction()
        #if canImport(Glibc)
        action.__sigaction_handler.sa_handler = forwardSignal
        #else
        action.__sigaction_u.__sa_handler = forwardSignal
        #endif
        sigemptyset(&action.sa_mask)
        action.sa_flags = flags
        _ = sigaction(signal, &action, nil)
    }

    /// Makes sure the handler is installed (first use of `shared` does it).
    func activate() {}

    /// While set, signals go to `handler` (called on the router thread) instead of subscribers.
    func setEditor(_ handler: (@Sendable (Int32) -> Void)?) {
        lock.withLock { editor = handler }
    }

    func subscribe() -> AsyncStream<Void> {
        let (stream, continuation) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        let id = lock.withLock {
            nextID += 1
            subscribers[nextID] = continuation
            return nextID
        }
        continuation.onTermination = { [weak self] _ in
            _ = self?.lock.withLock { self?.subscribers.removeValue(forKey: id) }
        }
        return stream
    }

    private func run() {
        var byte: UInt8 = 0
        while true {
            let count = read(readEnd, &byte, 1)
            if count < 0, errno == EINTR { continue }
            guard count == 1 else { return }
            route(Int32(byte))
        }
    }

    private func route(_ signal: Int32) {
        let (editor, subscribers) = lock.withLock { (self.editor, Array(self.subscribers.values)) }
        if let editor {
            editor(signal)
        } else if signal == SIGINT {
            subscribers.forEach { $0.yield(()) }
        }
    }
}
