import Glibc
import NIOCore
import NIOPosix
import Testing

@testable import Transport

/// The one connection of an `fd://` engine: a request queued behind a stream that holds it must
/// end when its task is cancelled (the command's timeout, Ctrl-C), not wait for the stream.
@Suite struct ConnectionPoolWaitTests {
    /// A pool over one end of a socketpair, its only connection leased; `body` gets the pool.
    private func withHeldPool(_ body: (ConnectionPool) async throws -> Void) async throws {
        var pair: [Int32] = [0, 0]
        #expect(socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &pair) == 0)
        defer { close(pair[1]) }
        let dialer = Dialer(address: .fd(pair[0]), tls: nil, group: MultiThreadedEventLoopGroup.singleton,
                            connectTimeout: .seconds(5))
        let pool = ConnectionPool(dialer: dialer)
        let (held, _) = try await pool.lease()
        defer { held.close() }
        try await body(pool)
    }

    @Test func aQueuedLeaseEndsWhenItsTaskIsCancelled() async throws {
        try await withHeldPool { pool in

            let started = ContinuousClock.now
            let queued = Task { try await pool.lease() }
            try await Task.sleep(for: .milliseconds(200))
            queued.cancel()
            let outcome = await queued.result
            let waited = ContinuousClock.now - started
            #expect(throws: CancellationError.self) { try outcome.get() }
            #expect(waited < .seconds(2), "the cancelled lease returned after \(waited)")
        }
    }

    @Test func aLeaseCancelledBeforeItQueuesDoesNotWait() async throws {
        try await withHeldPool { pool in
            let queued = Task {
                withUnsafeCurrentTask { $0?.cancel() }
                return try await pool.lease()
            }
            await #expect(throws: CancellationError.self) { try await queued.value }
        }
    }
}
