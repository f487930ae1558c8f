#if canImport(Glibc)
import Glibc
#endif
import Foundation
import NIOConcurrencyHelpers

/// Reads this process's stdin on a thread of its own (blocking reads must stay off the two-thread
/// cooperative pool) and hands each chunk on, until end of input or `stop()`. `stop()` wakes the
/// thread through a pipe, so a REPL's terminal is left alone once the command is over.
final class StdinReader: Sendable {
    private let fd: Int32
    private let wakeRead: Int32
    private let wakeWrite: Int32
    private let stopped = NIOLockedValueBox(false)

    init(fd: Int32 = 0) {
        self.fd = fd
        var fds: [Int32] = [0, 0]
        _ = pipe(&fds)
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        wakeRead = fds[0]
        wakeWrite = fds[1]
    }

    deinit {
        close(wakeRead)
        close(wakeWrite)
    }

    /// The chunks of stdin as they arrive; the stream ends at end of input or `stop()`.
    func chunks() -> AsyncStream<[UInt8]> {
        let (stream, continuation) = AsyncStream.makeStream(of: [UInt8].self)
        start { chunk in
            if let chunk { continuation.yield(chunk) } else { continuation.finish() }
        }
        return stream
    }

    /// Hands each chunk to `deliver` on the reading thread, then nil at the end. Nothing is read
    /// while `deliver` runs: a `deliver` that blocks is backpressure on stdin.
    func start(_ deliver: @escaping @Sendable ([UInt8]?) -> Void) {
        let thread = Thread { [self] in
            var buffer = [UInt8](repeating: 0, count: 64 * 1024)
            loop: while !stopped.withLockedValue({ $0 }) {
                var fds = [pollfd(fd: fd, events: Int16(POLLIN), revents: 0), pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0)]
                let ready = poll(&fds, 2, -1)
                if ready < 0 {
                    if errno == EINTR { continue }
                    break
                }
                if fds[1].revents != 0 { break }
                guard fds[0].revents != 0 else { continue }
                let count = read(fd, &buffer, buffer.count)
                switch count {
                case ..<0:
                    if errno == EINTR || errno == EAGAIN { continue loop }
                    break loop
                case 0:
                    break loop
                default:
                    deliver(Array(buffer[0..<count]))
                }
            }
            deliver(nil)
        }
        thread.start()
    }

    func stop() {
        let first = stopped.withLockedValue { old in
            defer { old = true }
            return !old
        }
        if first {
            var byte: UInt8 = 1
            _ = write(wakeWrite, &byte, 1)
        }
    }
}
