/// The connections of one engine: short requests reuse an idle one, a streaming request holds its
/// own until it ends, and a connection that broke or was cancelled mid-response is dropped.
///
/// An inherited descriptor (`fd://N`) is one connection for the life of the process, so its pool
/// has a capacity of one and requests on it queue. A queued request stays cancellable: while a
/// stream (`events &`) holds the connection, the command's timeout and Ctrl-C must still end the
/// wait.
actor ConnectionPool {
    private let dialer: Dialer
    private let capacity: Int?
    private let keepIdle: Int
    private var idle: [EngineConnection] = []
    private var open = 0
    /// Requests queued for a connection, first come first served.
    private var waiters: [(id: UInt64, continuation: CheckedContinuation<Void, Error>)] = []
    private var nextWaiterID: UInt64 = 0
    private var dialedOnce = false

    init(dialer: Dialer) {
        self.dialer = dialer
        if case .fd = dialer.address {
            capacity = 1
        } else {
            capacity = nil
        }
        keepIdle = 4
    }

    /// An exclusive connection: an idle one if any is still open (`reused`), else a new one.
    /// With `reuse` false it is always a new one (a retry after a kept connection failed).
    func lease(reuse: Bool = true) async throws -> (connection: EngineConnection, reused: Bool) {
        while let capacity, open >= capacity, idle.isEmpty {
            try await waitForRelease()
        }
        while reuse, let connection = idle.popLast() {
            if await connection.isReusable() { return (connection, true) }
            connection.close()
            open -= 1
        }
        if case .fd = dialer.address, dialedOnce {
            throw TransportError(.descriptorSpent, address: dialer.address.description)
        }
        open += 1
        do {
            let connection = try await dialer.connect()
            dialedOnce = true
            return (connection, false)
        } catch {
            open -= 1
            wakeOne()
            throw error
        }
    }

    /// Takes a connection back; only one whose last response ended cleanly is kept.
    func release(_ connection: EngineConnection, reusable: Bool) {
        if reusable, connection.isOpen, idle.count < keepIdle {
            idle.append(connection)
        } else {
            connection.close()
            open -= 1
        }
        wakeOne()
    }

    /// Closes every idle connection (disconnect, or exit).
    func shutdown() {
        for connection in idle { connection.close() }
        open -= idle.count
        idle.removeAll()
    }

    private func wakeOne() {
        if !waiters.isEmpty { waiters.removeFirst().continuation.resume() }
    }

    /// Queues until a connection is released; throws `CancellationError` as soon as the task is cancelled.
    private func waitForRelease() async throws {
        nextWaiterID += 1
        let id = nextWaiterID
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, Error>) in
                if Task.isCancelled {
                    continuation.resume(throwing: CancellationError())
                } else {
                    waiters.append((id, continuation))
                }
            }
        } onCancel: {
            Task { await self.cancelWaiter(id) }
        }
    }

    private func cancelWaiter(_ id: UInt64) {
        guard let index = waiters.firstIndex(where: { $0.id == id }) else { return }
        waiters.remove(at: index).continuation.resume(throwing: CancellationError())
    }
}
