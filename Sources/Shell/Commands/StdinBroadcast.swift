import NIOConcurrencyHelpers

/// dmux's stdin copied to every host of an `exec -i`: one reader, one stream per host, each
/// ending at end of input. Started by the first subscriber, stopped with the command.
final class StdinBroadcast: Sendable {
    private let reader = StdinReader()
    private let pending: NIOLockedValueBox<[AsyncStream<[UInt8]>]>
    private let pump: Task<Void, Never>

    init(hosts: Int) {
        var streams: [AsyncStream<[UInt8]>] = []
        var continuations: [AsyncStream<[UInt8]>.Continuation] = []
        for _ in 0..<hosts {
            let (stream, continuation) = AsyncStream.makeStream(of: [UInt8].self)
            streams.append(stream)
            continuations.append(continuation)
        }
        pending = NIOLockedValueBox(streams)
        let chunks = reader.chunks()
        pump = Task {
            for await chunk in chunks {
                for continuation in continuations { continuation.yield(chunk) }
            }
            for continuation in continuations { continuation.finish() }
        }
    }

    /// The next host's copy of stdin.
    func subscribe() -> AsyncStream<[UInt8]> {
        pending.withLockedValue { $0.isEmpty ? AsyncStream { $0.finish() } : $0.removeFirst() }
    }

    func stop() {
        reader.stop()
    }
}
