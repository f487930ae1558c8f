/// The connections of one engine: short requests reuse an idle one, a streaming request holds its
/// own until it ends, and a connection that broke or was cancelled mid-response is dropped.
///
/// An inherited descriptor (`fd://N`) is one connection for the life of the process, so its pool
/// has a capacity of one and requests on it queue.
actor ConnectionPool {
    private let dialer: Dialer
    private let capacity: Int?
    private let keepIdle: Int
    private var idle: [EngineConnection] = []
    private var open = 0
    private var waiters: [CheckedContinuation<Void, Never>] = []
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
            await withCheckedContinuation { waiters.append($0) }
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
        if !waiters.isEmpty { waiters.removeFirst().resume() }
    }
}
