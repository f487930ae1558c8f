import Endpoints
import FanOut
import NIOConcurrencyHelpers
import NIOCore

/// Every engine the shell knows, in a stable order, plus the named groups. Sessions are added by
/// discovery at start and by `connect`, removed by `disconnect`.
public final class HostRegistry: Sendable {
    private let state = NIOLockedValueBox(State())
    let group: EventLoopGroup
    private let descriptors: InheritedDescriptors

    private struct State {
        var sessions: [HostSession] = []
        var groups: [String: [String]] = [:]
        var groupOrder: [String] = []
    }

    public convenience init(group: EventLoopGroup) {
        self.init(group: group, descriptors: .shared)
    }

    init(group: EventLoopGroup, descriptors: InheritedDescriptors) {
        self.group = group
        self.descriptors = descriptors
    }

    public var sessions: [HostSession] { state.withLockedValue { $0.sessions } }
    public var names: [String] { sessions.map(\.name) }
    public var groups: [String: [String]] { state.withLockedValue { $0.groups } }
    public var groupNames: [String] { state.withLockedValue { $0.groupOrder } }

    public func session(named name: String) -> HostSession? {
        sessions.first { $0.name == name }
    }

    /// Adds an engine; a name already taken, or an `fd://N` that is not an inherited descriptor
    /// still free, is a usage error (nothing changes).
    @discardableResult
    public func add(_ endpoint: Endpoint, connectTimeout: Duration) throws(ShellUsageError) -> HostSession {
        let session = HostSession(endpoint: endpoint, group: group, connectTimeout: connectTimeout)
        let refusal: String? = state.withLockedValue { state in
            if state.sessions.contains(where: { $0.name == endpoint.name }) {
                return "a host named '\(endpoint.name)' already exists (disconnect it first)"
            }
            if state.groups[endpoint.name] != nil { return "'\(endpoint.name)' is already the name of a group" }
            if case .fd(let fd) = endpoint.address {
                do throws(ShellUsageError) {
                    try descriptors.adopt(fd, for: endpoint.name)
                } catch {
                    return error.description
                }
            }
            state.sessions.append(session)
            return nil
        }
        if let refusal { throw ShellUsageError(refusal) }
        return session
    }

    public func remove(named name: String) -> HostSession? {
        state.withLockedValue { state in
            guard let index = state.sessions.firstIndex(where: { $0.name == name }) else { return nil }
            return state.sessions.remove(at: index)
        }
    }

    public func defineGroup(_ name: String, members: [String]) throws(ShellUsageError) {
        let clash: Bool = state.withLockedValue { state in
            if state.sessions.contains(where: { $0.name == name }) || name == "all" { return true }
            if state.groups[name] == nil { state.groupOrder.append(name) }
            state.groups[name] = members
            return false
        }
        if clash { throw ShellUsageError("'\(name)' is already the name of a host") }
        // A group that cannot resolve is refused now rather than at its first use.
        do {
            _ = try TargetSelector.resolve(members.joined(separator: ","), hosts: names, groups: groups)
        } catch {
            state.withLockedValue {
                $0.groups[name] = nil
                $0.groupOrder.removeAll { $0 == name }
            }
            throw ShellUsageError("group \(name): \(error)")
        }
    }

    public func removeGroup(_ name: String) -> Bool {
        state.withLockedValue { state in
            state.groupOrder.removeAll { $0 == name }
            return state.groups.removeValue(forKey: name) != nil
        }
    }

    /// Pings every host whose API version is not pinned yet, `fanout` at a time: each ping holds a
    /// socket, and a fleet of thousands must not open them all at once.
    public func connectAll(fanout: Int) async {
        await FanOut(maxInFlight: fanout, timeout: nil).run(on: sessions) { await $0.connect() }
    }

    /// The sessions a target expression names, in registry order.
    public func resolve(_ expression: String) throws(ShellUsageError) -> [HostSession] {
        let chosen = Set(try TargetSelector.resolve(expression, hosts: names, groups: groups))
        return sessions.filter { chosen.contains($0.name) }
    }
}
