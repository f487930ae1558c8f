import FanOut

/// Watches every host's health in the background: hosts that are down are pinged again with
/// backoff (1 s doubling to 30 s), hosts that are up are pinged now and then so a dead one is
/// noticed, and each change of state is announced once (`m3 is up again`, `m3 is down: reason`).
/// Changes a command observes (a request that failed to connect) are announced the same way.
public struct HealthMonitor: Sendable {
    public struct Timing: Sendable {
        public var firstRetry: Duration = .seconds(1)
        public var longestRetry: Duration = .seconds(30)
        /// How often a host that is up is pinged.
        public var upInterval: Duration = .seconds(30)
        /// How often states are compared.
        public var tick: Duration = .milliseconds(500)
        public init() {}
    }

    public let registry: HostRegistry
    public let timing: Timing
    /// Receives one line per change of state.
    public let announce: @Sendable (String) -> Void

    /// The `fanout` setting, read at each round.
    public let fanout: @Sendable () -> Int

    public init(
        registry: HostRegistry, timing: Timing = Timing(), fanout: @escaping @Sendable () -> Int = { 64 },
        announce: @escaping @Sendable (String) -> Void
    ) {
        self.registry = registry
        self.timing = timing
        self.fanout = fanout
        self.announce = announce
    }

    /// Runs until the task is cancelled.
    public func run() async {
        var records: [String: Record] = [:]
        let clock = ContinuousClock()
        while !Task.isCancelled {
            let now = clock.now
            var due: [HostSession] = []
            for host in registry.sessions {
                let status = host.status
                let state = Observed(status)
                var record = records[host.name] ?? Record(observed: state, nextPing: now + (state == .up ? timing.upInterval : timing.firstRetry), backoff: timing.firstRetry)
                if state != record.observed {
                    if let line = Self.describe(host.name, from: record.observed, to: status) { announce(line) }
                    record = Record(observed: state, nextPing: now + (state == .up ? timing.upInterval : timing.firstRetry), backoff: timing.firstRetry)
                }
                if state != .unknown, now >= record.nextPing {
                    due.append(host)
                    if state == .down {
                        record.nextPing = now + record.backoff
                        record.backoff = min(record.backoff * 2, timing.longestRetry)
                    } else {
                        record.nextPing = now + timing.upInterval
                    }
                }
                records[host.name] = record
            }
            // Bounded like every fan-out: a thousand hosts due at once must not open a thousand sockets.
            await FanOut(maxInFlight: fanout(), timeout: nil).run(on: due) { await $0.ping() }
            try? await Task.sleep(for: timing.tick)
        }
    }

    /// A host's state without its reason: a different error on a host that is down is no news.
    enum Observed: Hashable {
        case unknown, up, down

        init(_ status: HostStatus) {
            switch status.state {
            case .unknown: self = .unknown
            case .up: self = .up
            case .down: self = .down
            }
        }
    }

    struct Record {
        var observed: Observed
        var nextPing: ContinuousClock.Instant
        var backoff: Duration
    }

    static func describe(_ host: String, from old: Observed, to new: HostStatus) -> String? {
        switch (old, Observed(new)) {
        case (.down, .up): return "\(host) is up again"
        case (.up, .down), (.unknown, .down): return "\(host) is down: \(new.downReason ?? "unknown reason")"
        default: return nil
        }
    }
}
