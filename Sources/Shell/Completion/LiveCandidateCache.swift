import DockerAPI
import Dispatch
import FanOut
import NIOConcurrencyHelpers

/// Container and image names per host for completion, fetched from every live target host
/// concurrently and kept for a short lifetime. A Tab answers from what is cached and schedules a
/// refresh; it waits (bounded by `deadline`) only for hosts it has never heard from, and never for
/// hosts that are down, so a slow or dead engine never blocks the keyboard.
public final class LiveCandidateCache: Sendable {
    public enum Kind: String, Sendable, Hashable, CaseIterable { case containers, images }

    public struct Limits: Sendable {
        /// How long an answer counts as fresh.
        public var lifetime: Duration = .seconds(5)
        /// Most names kept per host (psql caps its live completion the same way).
        public var perHost = 1000
        /// Longest a completion waits for hosts it has no answer from yet.
        public var deadline: Duration = .milliseconds(300)
        public init() {}
    }

    private struct Key: Hashable {
        var kind: Kind
        var host: String
    }

    private struct Entry {
        var values: [ContainerCandidate] = []
        var fetchedAt: ContinuousClock.Instant?
        var refreshing: Task<Void, Never>?
    }

    public let limits: Limits
    private let entries = NIOLockedValueBox<[Key: Entry]>([:])

    public init(limits: Limits = Limits()) {
        self.limits = limits
    }

    /// What is cached for `hosts` now; stale or missing hosts are refreshed in the background,
    /// and the caller blocks up to `deadline` for hosts never fetched. Call off the cooperative pool.
    public func cached(_ kind: Kind, on hosts: [HostSession]) -> [ContainerCandidate] {
        let cold = scheduleRefresh(kind, on: hosts)
        if !cold.isEmpty {
            let done = DispatchSemaphore(value: 0)
            Task {
                for task in cold { await task.value }
                done.signal()
            }
            _ = done.wait(timeout: .now() + .nanoseconds(Self.nanoseconds(limits.deadline)))
        }
        return snapshot(kind, on: hosts)
    }

    /// Async form for `__complete`: refreshes what is stale, waits at most `deadline`, then answers.
    public func fetch(_ kind: Kind, on hosts: [HostSession]) async -> [ContainerCandidate] {
        let pending = scheduleRefresh(kind, on: hosts, includeStale: true)
        if !pending.isEmpty { await Self.wait(for: pending, atMost: limits.deadline) }
        return snapshot(kind, on: hosts)
    }

    /// Starts a refresh of `kind` on each host that is not down and not already refreshing.
    public func refresh(_ kind: Kind, on hosts: [HostSession]) {
        _ = scheduleRefresh(kind, on: hosts, includeFresh: true)
    }

    /// Hosts whose entry for `kind` exists (so refreshing them after a command is worth it).
    public func cachedHosts(_ kind: Kind) -> Set<String> {
        entries.withLockedValue { Set($0.keys.filter { $0.kind == kind }.map(\.host)) }
    }

    /// Takes an answer fetched `age` ago (by an earlier `__complete`, see CompletionDiskCache) as
    /// if this cache had fetched it then.
    public func seed(_ kind: Kind, host: String, values: [ContainerCandidate], age: Duration) {
        entries.withLockedValue { entries in
            entries[Key(kind: kind, host: host)] = Entry(values: values, fetchedAt: ContinuousClock.now - age)
        }
    }

    /// The answers held for `hosts`, each with its age.
    public func answers(_ kind: Kind, on hosts: [HostSession]) -> [(host: HostSession, values: [ContainerCandidate], age: Duration)] {
        let now = ContinuousClock.now
        return entries.withLockedValue { entries in
            hosts.compactMap { host in
                guard let entry = entries[Key(kind: kind, host: host.name)], let fetchedAt = entry.fetchedAt else { return nil }
                return (host, entry.values, now - fetchedAt)
            }
        }
    }

    /// What is cached now, without refreshing anything.
    public func snapshot(_ kind: Kind, on hosts: [HostSession]) -> [ContainerCandidate] {
        entries.withLockedValue { entries in
            hosts.flatMap { entries[Key(kind: kind, host: $0.name)]?.values ?? [] }
        }
    }

    /// Starts refreshes as needed and returns the tasks of hosts the caller should wait for: the
    /// never-fetched ones (and, with `includeStale`, the stale ones too).
    private func scheduleRefresh(
        _ kind: Kind, on hosts: [HostSession], includeStale: Bool = false, includeFresh: Bool = false
    ) -> [Task<Void, Never>] {
        let now = ContinuousClock.now
        var waits: [Task<Void, Never>] = []
        for host in hosts where host.status.downReason == nil {
            let key = Key(kind: kind, host: host.name)
            let task: Task<Void, Never>? = entries.withLockedValue { entries in
                var entry = entries[key, default: Entry()]
                let fresh = entry.fetchedAt.map { now - $0 < limits.lifetime } ?? false
                if fresh && !includeFresh { return nil }
                let cold = entry.fetchedAt == nil
                if entry.refreshing == nil {
                    entry.refreshing = Task { await self.load(kind, from: host, key: key) }
                    entries[key] = entry
                }
                return cold || includeStale ? entry.refreshing : nil
            }
            if let task { waits.append(task) }
        }
        return waits
    }

    private func load(_ kind: Kind, from host: HostSession, key: Key) async {
        let values = try? await Self.request(kind, from: host, limit: limits.perHost)
        entries.withLockedValue { entries in
            var entry = entries[key, default: Entry()]
            if let values { entry.values = values }
            entry.fetchedAt = ContinuousClock.now  // a failure also waits a lifetime before retrying
            entry.refreshing = nil
            entries[key] = entry
        }
    }

    static func request(_ kind: Kind, from host: HostSession, limit: Int) async throws -> [ContainerCandidate] {
        switch kind {
        case .containers:
            let list = try await host.decode([Listed].self, EngineRequests.listContainers(all: true, limit: limit))
            return list.prefix(limit).map { ContainerCandidate(id: $0.Id, names: ($0.Names ?? []).map { String($0.drop { $0 == "/" }) }) }
        case .images:
            let list = try await host.decode([ListedImage].self, EngineRequests.listImages())
            return list.prefix(limit).map { ContainerCandidate(id: $0.Id, names: ($0.RepoTags ?? []).filter { $0 != "<none>:<none>" }) }
        }
    }

    /// The two fields completion reads from `GET /containers/json`.
    private struct Listed: Decodable {
        var Id: String
        var Names: [String]?
    }

    /// The two fields completion reads from `GET /images/json`.
    private struct ListedImage: Decodable {
        var Id: String
        var RepoTags: [String]?
    }

    /// Returns when every task is done or `deadline` has passed, whichever is first; the tasks go on.
    private static func wait(for tasks: [Task<Void, Never>], atMost deadline: Duration) async {
        let resumed = NIOLockedValueBox(false)
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let resume: @Sendable () -> Void = {
                if resumed.withLockedValue({ done in defer { done = true }; return !done }) { continuation.resume() }
            }
            Task {
                for task in tasks { await task.value }
                resume()
            }
            Task {
                try? await Task.sleep(for: deadline)
                resume()
            }
        }
    }

    private static func nanoseconds(_ duration: Duration) -> Int {
        Int(duration.components.seconds * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000)
    }
}
