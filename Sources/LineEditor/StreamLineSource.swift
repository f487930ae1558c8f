import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A `LineSource` over a byte stream: piped stdin or a script file (batch mode).
///
/// Reads happen on a dedicated thread, one line per request, so a slow pipe never blocks the
/// cooperative pool. Handles CRLF, a last line without newline, very long lines, NUL bytes and
/// invalid UTF-8 (decoded lossily). A read error ends the input like EOF.
public final class StreamLineSource: LineSource, @unchecked Sendable {
    // @unchecked: `waiters` and `ended` are guarded by `condition`; `splitter` and `fd` are
    // touched only by the reader thread.
    private let condition = NSCondition()
    private var waiters: [CheckedContinuation<LineEvent, Never>] = []
    private var ended = false
    private var started = false
    private var splitter = LineEventSplitter()
    private let fd: Int32
    private let owner: FileHandle?

    /// Reads from `fileDescriptor`, which must stay open while lines are read; it is not closed.
    public init(fileDescriptor: Int32) {
        fd = fileDescriptor
        owner = nil
    }

    /// Reads from `fileHandle`, kept alive by this source.
    public init(fileHandle: FileHandle) {
        fd = fileHandle.fileDescriptor
        owner = fileHandle
    }

    public func next(prompt: String) async -> LineEvent {
        await withCheckedContinuation { continuation in
            condition.lock()
            if ended {
                condition.unlock()
                continuation.resume(returning: .endOfInput)
                return
            }
            waiters.append(continuation)
            if !started {
                started = true
                let thread = Thread { [self] in readLoop() }
                thread.name = "dmux-stdin"
                thread.start()
            }
            condition.signal()
            condition.unlock()
        }
    }

    /// Serves one waiter at a time until the stream ends, then answers everyone with EOF and exits.
    private func readLoop() {
        while true {
            condition.lock()
            while waiters.isEmpty { condition.wait() }
            let waiter = waiters.removeFirst()
            condition.unlock()

            let event = produce()
            if event == .endOfInput {
                condition.lock()
                ended = true
                let rest = waiters
                waiters = []
                condition.unlock()
                waiter.resume(returning: event)
                rest.forEach { $0.resume(returning: .endOfInput) }
                return
            }
            waiter.resume(returning: event)
        }
    }

    private func produce() -> LineEvent {
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            if let event = splitter.nextEvent() { return event }
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count > 0 {
                splitter.append(chunk[..<count])
            } else if count == 0 {
                splitter.finish()
            } else if errno == EINTR {
                continue
            } else if errno == EAGAIN || errno == EWOULDBLOCK {
                var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                _ = poll(&pfd, 1, -1)
            } else {
                splitter.finish()
            }
        }
    }
}
