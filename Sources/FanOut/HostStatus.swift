import Foundation

/// What dmux last learned about one engine: whether it answers, and what it is.
public struct HostStatus: Sendable, Hashable {
    public enum State: Sendable, Hashable {
        case unknown
        case up
        case down(reason: String)
    }

    public var state: State = .unknown
    /// The API version pinned for this host after negotiation (or from DOCKER_API_VERSION).
    public var apiVersion: String?
    /// From the ping's `Server:` header (`Docker/20.10.24+dfsg1 (linux)` → `20.10.24+dfsg1`).
    public var engineVersion: String?
    /// Round-trip time of the last successful ping, in seconds.
    public var roundTrip: Double?
    public var checkedAt: Date?
    /// A few words for why the host is down (`refused`, `timeout`, `tls: bad ca`), for narrow columns.
    public var downSummary: String?

    public init() {}

    public var isUp: Bool { state == .up }

    public var downReason: String? {
        if case .down(let reason) = state { return reason }
        return nil
    }
}
