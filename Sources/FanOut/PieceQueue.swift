import NIOConcurrencyHelpers
import NIOCore

/// One reader's bytes handed to one writer, holding at most `limit` bytes between them: the
/// bounded buffer of a tee (one image read from one engine, loaded into many). When it is full,
/// `push` waits, so the slowest writer sets the pace and memory stays bounded whatever the size
/// of what flows through. A writer that gave up (`close`) never holds the reader back.
public final class PieceQueue: Sendable {
    private let state: NIOLockedValueBox<State>

    public init(limit: Int) {
        state = NIOLockedValueBox(State(limit: limit))
    }

    /// Waits for room, then queues `piece`; does nothing once the writer closed the queue.
    public func push(_ piece: ByteBuffer) async {
        await withCheckedContinuation { (waiter: CheckedContinuation<Void, Never>) in
            let wake = state.withLockedValue { $0.push(piece, waiter: waiter) }
            wake.run()
        }
    }

    /// No more pieces: the writer ends after the queued ones.
    public func finish() { state.withLockedValue { $0.end(nil) }.run() }

    /// The reader failed: the writer stops with `error` (what it wrote is incomplete).
    public func fail(_ error: Error) { state.withLockedValue { $0.end(error) }.run() }

    /// The writer gave up: queued pieces are dropped and `push` never waits again.
    public func close() { state.withLockedValue { $0.close() }.run() }

    /// The next piece, nil after `finish`, or the reader's error.
    public func next() async throws -> ByteBuffer? {
        try await withCheckedThrowingContinuation { (waiter: CheckedContinuation<ByteBuffer?, Error>) in
            let wake = state.withLockedValue { $0.next(waiter: waiter) }
            wake.run()
        }
    }

    /// The queue's rules without the waiting: what each call must resume, returned to run
    /// outside the lock.
    struct State {
        let limit: Int
        var pieces = CircularBuffer<ByteBuffer>()
        var bytes = 0
        var ended = false
        var failure: Error?
        var closed = false
        var reader: CheckedContinuation<Void, Never>?
        var writer: CheckedContinuation<ByteBuffer?, Error>?

        init(limit: Int) { self.limit = limit }

        mutating func push(_ piece: ByteBuffer, waiter: CheckedContinuation<Void, Never>) -> Wake {
            if closed || ended { return Wake(reader: waiter) }
            if let writer {
                self.writer = nil
                return Wake(reader: waiter, writer: writer, piece: piece)
            }
            pieces.append(piece)
            bytes += piece.readableBytes
            if bytes < limit { return Wake(reader: waiter) }
            reader = waiter
            return Wake()
        }

        mutating func next(waiter: CheckedContinuation<ByteBuffer?, Error>) -> Wake {
            if let piece = pieces.popFirst() {
                bytes -= piece.readableBytes
                var wake = Wake(writer: waiter, piece: piece)
                if bytes < limit, let reader {
                    self.reader = nil
                    wake.reader = reader
                }
                return wake
            }
            if let failure { return Wake(writer: waiter, failure: failure) }
            if ended || closed { return Wake(writer: waiter) }
            writer = waiter
            return Wake()
        }

        mutating func end(_ error: Error?) -> Wake {
            guard !ended else { return Wake() }
            ended = true
            failure = error
            if error != nil {
                pieces.removeAll()
                bytes = 0
            }
            guard let writer else { return Wake() }
            self.writer = nil
            return Wake(writer: writer, failure: error)
        }

        mutating func close() -> Wake {
            closed = true
            pieces.removeAll()
            bytes = 0
            var wake = Wake()
            if let reader {
                self.reader = nil
                wake.reader = reader
            }
            if let writer {
                self.writer = nil
                wake.writer = writer
            }
            return wake
        }
    }

    /// Continuations to resume once the lock is released.
    struct Wake {
        var reader: CheckedContinuation<Void, Never>?
        var writer: CheckedContinuation<ByteBuffer?, Error>?
        var piece: ByteBuffer?
        var failure: Error?

        func run() {
            reader?.resume()
            guard let writer else { return }
            if let failure { writer.resume(throwing: failure) } else { writer.resume(returning: piece) }
        }
    }
}
