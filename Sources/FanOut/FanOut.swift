import Transport

/// Runs one operation on many hosts at once: bounded in flight, each host within its own timeout,
/// never fail-fast. Every host ends with a success or a labelled failure, and cancelling the
/// calling task cancels every host's part.
public struct FanOut: Sendable {
    /// At most this many hosts are worked on at once (`--fanout`, `set fanout`).
    public var maxInFlight: Int
    /// Per-host limit for the whole operation; nil for streams that run until cancelled.
    public var timeout: Duration?

    public init(maxInFlight: Int = 64, timeout: Duration? = .seconds(10)) {
        self.maxInFlight = max(1, maxInFlight)
        self.timeout = timeout
    }

    /// Runs `operation` on every host and reports each outcome to `onOutcome` as it arrives
    /// (index into `hosts`, outcome). Returns the outcomes in the order of `hosts`.
    @discardableResult
    public func run<Value: Sendable>(
        on hosts: [HostSession],
        _ operation: @escaping @Sendable (HostSession) async throws -> Value,
        onOutcome: (Int, HostOutcome<Value>) async -> Void = { _, _ in }
    ) async -> [HostOutcome<Value>] {
        var outcomes = [HostOutcome<Value>?](repeating: nil, count: hosts.count)
        let timeout = self.timeout
        await withTaskGroup(of: (Int, HostOutcome<Value>).self) { group in
            var next = 0
            func startNext() {
                guard next < hosts.count else { return }
                let index = next
                let host = hosts[index]
                next += 1
                group.addTask { (index, await Self.attempt(on: host, timeout: timeout, operation)) }
            }
            for _ in 0..<min(maxInFlight, hosts.count) { startNext() }
            while let (index, outcome) = await group.next() {
                outcomes[index] = outcome
                await onOutcome(index, outcome)
                startNext()
            }
        }
        return outcomes.map { $0! }
    }

    /// One host's part: the operation raced against the timeout, its error turned into a failure.
    static func attempt<Value: Sendable>(
        on host: HostSession,
        timeout: Duration?,
        _ operation: @escaping @Sendable (HostSession) async throws -> Value
    ) async -> HostOutcome<Value> {
        do {
            if let timeout {
                return .success(try await withDeadline(timeout) { try await operation(host) })
            }
            return .success(try await operation(host))
        } catch {
            return .failure(failure(error, host: host, timeout: timeout))
        }
    }

    static func failure(_ error: Error, host: HostSession, timeout: Duration?) -> HostFailure {
        switch error {
        case is DeadlineExceeded:
            let seconds = timeout.map { "\($0.components.seconds)" } ?? "?"
            return HostFailure(host: host.name, kind: .timeout, message: "timed out after \(seconds) s")
        case is CancellationError:
            return HostFailure(host: host.name, kind: .cancelled, message: "cancelled")
        case let error as HostFailure:
            return error
        case let error as HostUnreachable:
            return HostFailure(host: host.name, kind: .unreachable, message: error.reason)
        case let error as TransportError where error.isUnreachable:
            host.markDown(error)
            return HostFailure(host: host.name, kind: .unreachable, message: error.description)
        default:
            if Task.isCancelled { return HostFailure(host: host.name, kind: .cancelled, message: "cancelled") }
            return HostFailure(host: host.name, error: error)
        }
    }
}

/// The per-host timeout ran out.
struct DeadlineExceeded: Error {}

/// Runs `operation`, cancelling it and throwing `DeadlineExceeded` if it outlives `limit`.
func withDeadline<Value: Sendable>(
    _ limit: Duration,
    _ operation: @escaping @Sendable () async throws -> Value
) async throws -> Value {
    try await withThrowingTaskGroup(of: Value?.self) { group in
        group.addTask { try await operation() }
        group.addTask {
            try await Task.sleep(for: limit)
            return nil
        }
        defer { group.cancelAll() }
        guard let first = try await group.next() else { throw DeadlineExceeded() }
        guard let value = first else { throw DeadlineExceeded() }
        return value
    }
}
