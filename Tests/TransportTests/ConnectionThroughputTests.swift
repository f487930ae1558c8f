import Foundation
import Glibc
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import Testing

@testable import Transport

/// How a request body moves in bulk (an image copied engine to engine): it is not held back by a
/// wait per piece, and it still stops at the write water mark when the engine reads nothing.
@Suite struct ConnectionThroughputTests {
    /// A connection over one end of a socketpair (as `fd://`); the test holds the other end.
    private func withConnection(_ body: (EngineConnection, _ peer: Int32) async throws -> Void) async throws {
        var pair: [Int32] = [0, 0]
        #expect(socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &pair) == 0)
        defer { close(pair[1]) }
        let dialer = Dialer(address: .fd(pair[0]), tls: nil, group: MultiThreadedEventLoopGroup.singleton,
                            connectTimeout: .seconds(5))
        let connection = try await dialer.connect()
        defer { connection.close() }
        try await body(connection, pair[1])
    }

    @Test func bodyPiecesBelowTheWaterMarkDoNotWaitForTheEngine() async throws {
        try await withConnection { connection, peer in
            // The engine reads nothing: the socket's own buffer fills (a few hundred KiB), then
            // the channel's until the high water mark. Pieces up to there return at once.
            let body = RequestBodyWriter(connection: connection)
            let piece = ByteBuffer(repeating: 0x61, count: 64 * 1024)
            let underMark = Task {
                for _ in 0..<(Dialer.writeBufferWaterMark.high / piece.readableBytes) { try await body.write(piece) }
            }
            let finished = await Self.within(.seconds(5), underMark)
            #expect(finished, "writes under the high water mark waited for the engine to read")

            // Past the mark, the writer waits: what is in flight stays bounded.
            let overMark = Task {
                for _ in 0..<(4 * Dialer.writeBufferWaterMark.high / piece.readableBytes) { try await body.write(piece) }
            }
            let ranAway = await Self.within(.milliseconds(500), overMark)
            #expect(!ranAway, "writes went on past the water mark with nobody reading")

            // Once the engine reads, the writer goes on.
            let drained = Self.onOwnThread { Self.drain(peer) }
            let resumed = await Self.within(.seconds(10), overMark)
            #expect(resumed, "the writer did not resume once the engine read")
            connection.close()
            await drained.value
        }
    }

    /// Runs blocking reads or writes of the test's end of the socket on a thread of its own: on
    /// Linux, Dispatch's global queues are the threads async tasks run on, and two blocked ones
    /// stall every test in the process.
    private static func onOwnThread(_ work: @escaping @Sendable () -> Void) -> Task<Void, Never> {
        Task {
            await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
                Thread {
                    work()
                    done.resume()
                }.start()
            }
        }
    }

    /// Whether `task` ends within `limit` (it goes on either way).
    private static func within(_ limit: Duration, _ task: Task<Void, Error>) async -> Bool {
        let deadline = ContinuousClock.now + limit
        let done = NIOLockedValueBox(false)
        Task {
            _ = await task.result
            done.withLockedValue { $0 = true }
        }
        while ContinuousClock.now < deadline {
            if done.withLockedValue({ $0 }) { return true }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return done.withLockedValue { $0 }
    }

    private static func drain(_ fd: Int32) {
        var scratch = [UInt8](repeating: 0, count: 1 << 20)
        while scratch.withUnsafeMutableBytes({ read(fd, $0.baseAddress, $0.count) }) > 0 {}
    }
}

