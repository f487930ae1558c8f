import Foundation

/// One host's share of a stdin broadcast: chunks handed over by a reading thread (which blocks
/// while the queue holds `capacity` bytes) and taken by the host's async task. A host that reads
/// slowly so slows the reading of stdin, instead of having it piled up in memory.
final class BoundedChunkQueue: @unchecked Sendable {
    // @unchecked: every field is guarded by `condition`.
    let capacity: Int
    private let condition = NSCondition()
    private var chunks: [[UInt8]] = []
    private var head = 0
    private var bytes = 0
    private var finished = false
    /// Set once a consumer takes from it: until then nothing waits for it (see `StdinBroadcast`).
    private var subscribed = false
    /// The consumer is gone: chunks for it are dropped and never waited for.
    private var abandoned = false
    private var waiter: CheckedContinuation<[UInt8]?, Never>?

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// Adds a chunk; blocks the calling thread while a subscribed consumer has `capacity` bytes unread.
    func push(_ chunk: [UInt8]) {
        condition.lock()
        while subscribed && !abandoned && bytes >= capacity { condition.wait() }
        if abandoned {
            condition.unlock()
            return
        }
        if let waiter {
            self.waiter = nil
            condition.unlock()
            waiter.resume(returning: chunk)
            return
        }
        chunks.append(chunk)
        bytes += chunk.count
        condition.unlock()
    }

    /// No more chunks will come: the consumer sees the end once it has taken the rest.
    func finish() {
        condition.lock()
        finished = true
        let waiter = self.waiter
        self.waiter = nil
        condition.unlock()
        waiter?.resume(returning: nil)
    }

    /// The consumer will take no more (its host is done, or the command is over): never block for it.
    func abandon() {
        condition.lock()
        abandoned = true
        chunks = []
        head = 0
        bytes = 0
        let waiter = self.waiter
        self.waiter = nil
        condition.broadcast()
        condition.unlock()
        waiter?.resume(returning: nil)
    }

    /// The next chunk, or nil at the end; a cancelled task abandons the queue.
    func pop() async -> [UInt8]? {
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                condition.lock()
                subscribed = true
                if head < chunks.count {
                    let chunk = chunks[head]
                    head += 1
                    bytes -= chunk.count
                    if head == chunks.count { (chunks, head) = ([], 0) }
                    condition.broadcast()
                    condition.unlock()
                    continuation.resume(returning: chunk)
                } else if finished || abandoned || Task.isCancelled {
                    condition.unlock()
                    continuation.resume(returning: nil)
                } else {
                    waiter = continuation
                    condition.broadcast()
                    condition.unlock()
                }
            }
        } onCancel: {
            abandon()
        }
    }

    /// The queue as a stream for one consumer; the queue is abandoned when the stream is dropped.
    func stream() -> AsyncStream<[UInt8]> {
        AsyncStream(unfolding: { await self.pop() }, onCancel: { self.abandon() })
    }
}
