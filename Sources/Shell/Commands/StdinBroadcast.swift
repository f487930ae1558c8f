import NIOConcurrencyHelpers

/// dmux's stdin copied to every host of an `exec -i`: one reader, one bounded queue per host, each
/// ending at end of input. Started at once, stopped with the command.
///
/// The reading thread hands each chunk to every host's queue in turn and waits while a host's
/// queue is full, so the slowest host that is taking input throttles the reading of stdin and
/// memory stays at `perHost` bytes a host. A host that has not started yet (fan-out bound) is
/// not waited for (its queue fills unbounded, as before): waiting for it could deadlock with the
/// hosts under way, which may only end at end of input.
final class StdinBroadcast: Sendable {
    private let reader: StdinReader
    private let queues: [BoundedChunkQueue]
    private let next = NIOLockedValueBox(0)

    init(hosts: Int, perHost: Int = 256 * 1024, fd: Int32 = 0) {
        let queues = (0..<hosts).map { _ in BoundedChunkQueue(capacity: perHost) }
        self.queues = queues
        reader = StdinReader(fd: fd)
        reader.start { chunk in
            guard let chunk else {
                for queue in queues { queue.finish() }
                return
            }
            for queue in queues { queue.push(chunk) }
        }
    }

    /// The next host's copy of stdin.
    func subscribe() -> AsyncStream<[UInt8]> {
        let index = next.withLockedValue { index in
            defer { index += 1 }
            return index
        }
        return index < queues.count ? queues[index].stream() : AsyncStream { $0.finish() }
    }

    func stop() {
        reader.stop()
        for queue in queues { queue.abandon() }
    }
}
