import Endpoints
import FanOut
import Foundation
import LineEditor

/// Completion for a running shell: the engine over the shell's command table, with hosts and
/// groups from its registry, machines and contexts from the stores, and containers and images
/// from the live cache. The REPL hands it to the line editor; `__complete` uses it too.
public final class ShellCompletion: CompletionProvider, Sendable {
    public let shell: Shell
    public let engine: CompletionEngine
    public let cache: LiveCandidateCache

    public init(shell: Shell, cache: LiveCandidateCache = LiveCandidateCache()) {
        self.shell = shell
        self.engine = CompletionEngine(commands: shell.commands)
        self.cache = cache
    }

    /// Called on the editor thread: answers from the cache, waiting briefly only for cold hosts.
    public func completions(line: String, cursor: Int) -> [String] {
        engine.complete(line: line, cursor: cursor, catalog: Catalog(shell: shell, cache: cache, mode: .blocking))
    }

    /// For `__complete` (async): warms the cache for the hosts the line targets, within the deadline.
    public func completionsFetchingLive(line: String, cursor: Int) async -> [String] {
        await completionsFetchingLive(engine.request(for: CompletionLine(line: line, cursor: cursor)))
    }

    /// The same for a request the parser made from words (`dmux __complete`'s argv).
    public func completionsFetchingLive(_ request: CompletionEngine.Request) async -> [String] {
        let catalog = Catalog(shell: shell, cache: cache, mode: .cachedOnly)
        if request.needsLiveData, case .source(let source, _) = request.slot {
            _ = await cache.fetch(source == .image ? .images : .containers, on: catalog.hosts(target: request.target))
        }
        return engine.candidates(for: request, catalog: catalog)
    }

    /// Refreshes the hosts already cached, so the names a command just created are there at the next Tab.
    public func refreshAfterCommand() {
        for kind in [LiveCandidateCache.Kind.containers, .images] {
            let cached = cache.cachedHosts(kind)
            cache.refresh(kind, on: shell.registry.sessions.filter { cached.contains($0.name) })
        }
    }

    struct Catalog: CompletionCatalog {
        enum Mode { case blocking, cachedOnly }
        let shell: Shell
        let cache: LiveCandidateCache
        let mode: Mode

        var hostNames: [String] { shell.registry.names }
        var groupNames: [String] { shell.registry.groupNames }

        func machineNames() -> [String] {
            let home = shell.environment["HOME"] ?? NSHomeDirectory()
            return MachineStore.load(root: MachineStore.root(environment: shell.environment, home: home)).0.map(\.name)
        }

        func contextNames() -> [String] {
            let home = shell.environment["HOME"] ?? NSHomeDirectory()
            let directory = ContextStore.configDirectory(environment: shell.environment, homeDirectory: home)
            return ContextStore.load(configDirectory: directory).endpoints.map(\.name)
        }

        func containers(target: String?) -> [ContainerCandidate] { live(.containers, target: target) }

        func images(target: String?) -> [String] { live(.images, target: target).flatMap(\.names) }

        /// The hosts a command line targets: its `@EXPR`, else the sticky target, else every host
        /// that is not down. An expression that does not resolve yet (still being typed) means all.
        func hosts(target: String?) -> [HostSession] {
            if let expression = target ?? shell.stickyTarget, let hosts = try? shell.registry.resolve(expression) {
                return hosts
            }
            return shell.registry.sessions
        }

        private func live(_ kind: LiveCandidateCache.Kind, target: String?) -> [ContainerCandidate] {
            let hosts = hosts(target: target)
            switch mode {
            case .blocking: return cache.cached(kind, on: hosts)
            case .cachedOnly: return cache.snapshot(kind, on: hosts)
            }
        }
    }
}
