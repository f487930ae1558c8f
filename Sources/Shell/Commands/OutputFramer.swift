import DockerAPI
import Transport

/// A pure decoder of a container's output (stdcopy frames, or a TTY's bytes) into what is
/// shown: whole lines for the multi-host shapes, writes as they came for one host.
protocol OutputFramer {
    associatedtype Item
    mutating func feed(_ bytes: some Collection<UInt8>) throws(StreamDecodingError) -> [Item]
    /// What is held back when the stream ends, and the framing error it ended with, if any.
    mutating func finish() -> (items: [Item], error: StreamDecodingError?)
}

extension OutputFramer {
    /// Reads `response` to its end and hands its items to `emit` a batch per socket read, so a
    /// fast stream costs a terminal write per read, not per item. What was decoded is emitted
    /// even when the stream fails (cut short, cancelled, a bad frame), before the error.
    mutating func drain(_ response: ResponseStream, emit: ([Item]) -> Void) async throws {
        do {
            while let pieces = try await response.nextPieces() {
                var items: [Item] = []
                do {
                    for piece in pieces { items += try feed(piece.readableBytesView) }
                } catch {
                    emit(items)
                    throw error
                }
                emit(items)
            }
        } catch {
            emit(finish().items)
            throw error
        }
        let (rest, error) = finish()
        emit(rest)
        if let error { throw error }
    }
}
