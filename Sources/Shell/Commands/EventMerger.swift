/// Merges the event streams of several hosts into one stream in time order, with a small reorder
/// window: a pure state machine (no clock, no I/O) that `events` drives and tests step through.
///
/// Each host's engine sends its events in its own time order, but the streams arrive with
/// different delays. An event is held until either every host still streaming has produced an
/// event at least as late (nothing earlier can come from them any more), or it has waited
/// `window`; released events come out sorted by `timeNano` (then host order, then arrival). An
/// event older than one already released (a host whose stream lagged past the window) is not
/// dropped: it comes out as soon as the rule allows, out of order but never lost.
struct EventMerger<Payload: Sendable>: Sendable {
    struct Item: Sendable {
        var host: String
        var timeNano: Int64
        var payload: Payload
        /// When it arrived, on the caller's monotonic clock.
        var arrived: Duration
        fileprivate var hostIndex: Int
        fileprivate var sequence: Int

        fileprivate func precedes(_ other: Item) -> Bool {
            (timeNano, hostIndex, sequence) < (other.timeNano, other.hostIndex, other.sequence)
        }
    }

    let window: Duration
    private let order: [String: Int]
    private var streaming: Set<String>
    /// The latest timestamp each host has produced.
    private var watermarks: [String: Int64] = [:]
    /// Held events, sorted.
    private var pending: [Item] = []
    private var sequence = 0

    init(hosts: [String], window: Duration = .milliseconds(250)) {
        self.window = window
        self.streaming = Set(hosts)
        self.order = Dictionary(hosts.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    }

    var heldCount: Int { pending.count }
    var isFinished: Bool { streaming.isEmpty && pending.isEmpty }

    /// When the oldest held event's window ends: the caller should call `release(now:)` then.
    var nextDeadline: Duration? { pending.map(\.arrived).min().map { $0 + window } }

    /// Takes one event from `host` and returns the events that can now be written, in order.
    mutating func add(host: String, timeNano: Int64, payload: Payload, now: Duration) -> [Item] {
        let item = Item(
            host: host, timeNano: timeNano, payload: payload, arrived: now,
            hostIndex: order[host] ?? order.count, sequence: sequence)
        sequence += 1
        watermarks[host] = max(watermarks[host] ?? .min, timeNano)
        var low = 0
        var high = pending.count
        while low < high {
            let middle = (low + high) / 2
            if pending[middle].precedes(item) { low = middle + 1 } else { high = middle }
        }
        pending.insert(item, at: low)
        return release(now: now)
    }

    /// `host`'s stream ended (or failed): it no longer holds anything back.
    mutating func end(host: String, now: Duration) -> [Item] {
        streaming.remove(host)
        return release(now: now)
    }

    /// The events whose window ran out or that no streaming host can precede any more: the
    /// longest sorted prefix that ends with such an event.
    mutating func release(now: Duration) -> [Item] {
        guard let last = pending.lastIndex(where: { isReleasable($0, now: now) }) else { return [] }
        let released = Array(pending[...last])
        pending.removeFirst(last + 1)
        return released
    }

    /// Everything still held, in order (the command is ending).
    mutating func drain() -> [Item] {
        defer { pending.removeAll() }
        return pending
    }

    private func isReleasable(_ item: Item, now: Duration) -> Bool {
        if now - item.arrived >= window { return true }
        return streaming.allSatisfy { (watermarks[$0] ?? .min) >= item.timeNano }
    }
}
