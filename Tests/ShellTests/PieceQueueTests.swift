import FanOut
import NIOCore
import Testing

/// The bounded queue between the one reader and each writer of `image copy` and `load`.
@Suite struct PieceQueueTests {
    static func piece(_ size: Int) -> ByteBuffer { ByteBuffer(repeating: 1, count: size) }

    @Test func piecesArriveInOrderAndEndWithNil() async throws {
        let queue = PieceQueue(limit: 1 << 20)
        await queue.push(ByteBuffer(string: "a"))
        await queue.push(ByteBuffer(string: "b"))
        queue.finish()
        #expect(try await queue.next() == ByteBuffer(string: "a"))
        #expect(try await queue.next() == ByteBuffer(string: "b"))
        #expect(try await queue.next() == nil)
    }

    @Test func aFullQueueHoldsTheReaderUntilTheWriterTakesAPiece() async throws {
        let queue = PieceQueue(limit: 100)
        await queue.push(Self.piece(60))
        let pushed = Task { await queue.push(Self.piece(60)); await queue.push(Self.piece(60)) }
        try await Task.sleep(for: .milliseconds(50))
        // 60 + 60 ≥ 100: the third push waits.
        #expect(try await queue.next()?.readableBytes == 60)
        #expect(try await queue.next()?.readableBytes == 60)
        await pushed.value
        #expect(try await queue.next()?.readableBytes == 60)
    }

    @Test func aClosedQueueNeverHoldsTheReaderAgain() async throws {
        let queue = PieceQueue(limit: 10)
        let held = Task { await queue.push(Self.piece(20)) }  // full: waits for the writer
        try? await Task.sleep(for: .milliseconds(20))
        queue.close()
        await held.value
        await queue.push(Self.piece(20))  // returns at once
        #expect(try await queue.next() == nil)
    }

    @Test func theReadersFailureReachesTheWriter() async throws {
        struct Broken: Error {}
        let queue = PieceQueue(limit: 10)
        let waiting = Task { try await queue.next() }
        try await Task.sleep(for: .milliseconds(20))
        queue.fail(Broken())
        await #expect(throws: Broken.self) { try await waiting.value }
    }
}
