import NIOConcurrencyHelpers

/// The connections of one engine: short requests reuse an idle one, a streaming request holds its
/// own until it ends, and a connection that broke or was cancelled mid-response is dropped.
///
/// Taking an idle connection and giving it back are a lock, not an actor hop: they happen twice
/// per request, and a hop there costs a thread switch. Whether a kept connection still works is
/// checked on its event loop as the request goes out (`EngineConnection.exchange`, `begin`).
///
/// An inherited descriptor (`fd://N`) is one connection for the life of the process, so its pool
/// has a capacity of one and requests on it queue. A queued request stays cancellable: while a
/// stream (`events &`) holds the connection, the command's timeout and Ctrl-C must still end the
/// wait.
final class ConnectionPool: Sendable {
    private let dialer: Dialer
    private let state: NIOLockedValueBox<State>

    private struct State {
        let capacity: Int?
        let keepIdle = 4
        var idle: [EngineConnection] = []
        var open = 0
        /// Requests queued for a connection, first come first served: a released connection is
        /// handed to the first (nil: a slot is free, dial), so a later request cannot take it first.
        var waiters: [(id: UInt64, continuation: CheckedContinuation<EngineConnection?, Error>)] = []
        var nextWaiterID: UInt64 = 0
        var dialedOnce = false

        var full: Bool { capacity.map { open >= $0 } ?? false }

        mutating func wakeOne() -> CheckedContinuation<EngineConnection?, Error>? {
            waiters.isEmpty ? nil : waiters.removeFirst().continuation
        }
    }

    /// What `lease` found under the lock.
    private enum Claim {
        case idle(EngineConnection)
        case dial
        case wait
        case spent
    }

    init(dialer: Dialer) {
        self.dialer = dialer
        let capacity: Int? = if case .fd = dialer.address { 1 } else { nil }
        state = NIOLockedValueBox(State(capacity: capacity))
    }

    /// An exclusive connection: an idle one if any is still open (`reused`), else a new one.
    /// With `reuse` false it is always a new one (a retry after a kept connection failed).
    func lease(reuse: Bool = true) async throws -> (connection: EngineConnection, reused: Bool) {
        while true {
            let isDescriptor: Bool = if case .fd = dialer.address { true } else { false }
            let claim: Claim = state.withLockedValue { state in
                if state.full && state.idle.isEmpty { return .wait }
                while reuse, let connection = state.idle.popLast() {
                    if connection.isOpen { return .idle(connection) }
                    connection.close()
                    state.open -= 1
                }
                if isDescriptor && state.dialedOnce { return .spent }
                if state.full { return .wait }
                state.open += 1
                return .dial
            }
            switch claim {
            case .idle(let connection):
                return (connection, true)
            case .wait:
                if let handed = try await waitForRelease() { return (handed, true) }
            case .spent:
                throw TransportError(.descriptorSpent, address: dialer.address.description)
            case .dial:
                do {
                    let connection = try await dialer.connect()
                    state.withLockedValue { $0.dialedOnce = true }
                    return (connection, false)
                } catch {
                    state.withLockedValue { state in
                        state.open -= 1
                        return state.wakeOne()
                    }?.resume(returning: nil)
                    throw error
                }
            }
        }
    }

    /// Takes a connection back; only one whose last response ended cleanly is kept, or handed to
    /// the first request waiting for one.
    func release(_ connection: EngineConnection, reusable: Bool) {
        let (waiter, handed) = state.withLockedValue { state -> (CheckedContinuation<EngineConnection?, Error>?, EngineConnection?) in
            if reusable, connection.isOpen, let waiter = state.wakeOne() { return (waiter, connection) }
            if reusable, connection.isOpen, state.idle.count < state.keepIdle {
                state.idle.append(connection)
                return (nil, nil)
            }
            connection.close()
            state.open -= 1
            return (state.wakeOne(), nil)
        }
        waiter?.resume(returning: handed)
    }

    /// Closes every idle connection (disconnect, or exit).
    func shutdown() {
        let idle = state.withLockedValue { state in
            defer {
                state.open -= state.idle.count
                state.idle.removeAll()
            }
            return state.idle
        }
        for connection in idle { connection.close() }
    }

    /// Queues until a connection is released: returns it, or nil when a slot freed up (dial, or
    /// look again). Throws `CancellationError` as soon as the task is cancelled.
    private func waitForRelease() async throws -> EngineConnection? {
        let id = state.withLockedValue { state in
            state.nextWaiterID += 1
            return state.nextWaiterID
        }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<EngineConnection?, Error>) in
                let queued = state.withLockedValue { state in
                    // A release between the claim and here would have found no waiter: look again.
                    guard !Task.isCancelled, state.full, state.idle.isEmpty else { return false }
                    state.waiters.append((id, continuation))
                    return true
                }
                if !queued {
                    if Task.isCancelled { continuation.resume(throwing: CancellationError()) } else { continuation.resume(returning: nil) }
                }
            }
        } onCancel: {
            state.withLockedValue { state in
                state.waiters.firstIndex { $0.id == id }.map { state.waiters.remove(at: $0).continuation }
            }?.resume(throwing: CancellationError())
        }
    }
}
