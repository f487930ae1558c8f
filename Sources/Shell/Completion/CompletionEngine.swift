/// Tab completion for the shell language, driven by the command tree through the parser's
/// lenient mode: command and subcommand names (also after `@targets`), a command's flags and
/// their values, `@` target expressions, and each argument's `CompletionSource`. Pure: names
/// beyond the tree come from a `CompletionCatalog`.
public struct CompletionEngine: Sendable {
    public let commands: CommandTable

    public init(commands: CommandTable) {
        self.commands = commands
    }

    /// What the word under the cursor is, decided from the words before it.
    public enum Slot: Sendable, Hashable {
        /// Known without asking anyone: command names, flags, fixed values.
        case fixed([String])
        /// `@EXPR`: hosts, groups and `all`, after commas and `!` too.
        case target
        /// Names from a source; `prefix` (`--format=`) is kept in front of every candidate.
        case source(CompletionSource, prefix: String)
        case nothing
    }

    public struct Request: Sendable, Hashable {
        public var line: CompletionLine
        public var slot: Slot
        /// The `@EXPR` of the command, whose hosts live candidates come from (nil: default targets).
        public var target: String?

        /// True when answering needs container or image names from the engines.
        public var needsLiveData: Bool {
            if case .source(let source, _) = slot { return source == .container || source == .image }
            return false
        }
    }

    /// Candidates that replace the word ending at `cursor` (an offset in Unicode scalars).
    public func complete(line: String, cursor: Int, catalog: CompletionCatalog) -> [String] {
        candidates(for: request(for: CompletionLine(line: line, cursor: cursor)), catalog: catalog)
    }

    public func request(for line: CompletionLine) -> Request {
        let (slot, target) = CommandLineParser(commands).slot(words: line.words, current: line.current)
        return request(line, slot, target: target)
    }

    /// What the parser's lenient walk found, as candidates to offer.
    func request(_ line: CompletionLine, _ slot: CommandLineParser.Slot, target: String?) -> Request {
        Request(line: line, slot: plan(slot, current: line.current), target: target)
    }

    private func plan(_ slot: CommandLineParser.Slot, current: String) -> Slot {
        switch slot {
        case .command: return .fixed(visibleNames)
        case .target: return .target
        case .subcommand(let node): return .fixed(node.visibleSubcommandNames)
        case .flagName(let node, let given):
            let offered = node.flags.filter { $0.repeatable || !given.contains($0.long) }
            let longs = offered.map { "--\($0.long)" }
            let shorts = current.hasPrefix("--") ? [] : offered.compactMap { $0.short.map { "-\($0)" } }
            return .fixed(shorts + longs)
        case .flagValue(let flag, let prefix): return .source(flag.completion, prefix: prefix)
        case .argument(let argument): return .source(argument.completion, prefix: "")
        case .nothing: return .nothing
        }
    }

    /// Command names to offer: hidden ones (`__complete`) are left out.
    var visibleNames: [String] { commands.names }

    public func candidates(for request: Request, catalog: CompletionCatalog) -> [String] {
        let current = request.line.current
        switch request.slot {
        case .nothing:
            return []
        case .fixed(let names):
            return Self.matching(names, current)
        case .target:
            return TargetCompletion.candidates(for: current, hosts: catalog.hostNames, groups: catalog.groupNames)
        case .source(let source, let prefix):
            let typed = String(current.dropFirst(prefix.count))
            return values(of: source, typed: typed, target: request.target, catalog: catalog).map { prefix + $0 }
        }
    }

    private func values(of source: CompletionSource, typed: String, target: String?, catalog: CompletionCatalog) -> [String] {
        switch source {
        case .none, .shell:
            return []
        case .values(let list):
            return Self.matching(list, typed)
        case .command:
            return Self.matching(visibleNames, typed)
        case .target:
            return TargetCompletion.candidates(for: "@" + typed, hosts: catalog.hostNames, groups: catalog.groupNames)
                .map { String($0.dropFirst()) }
        case .host:
            return Self.matching(catalog.hostNames, typed)
        case .group:
            return Self.matching(catalog.groupNames, typed)
        case .machine:
            return Self.matching(catalog.machineNames(), typed)
        case .context:
            return Self.matching(catalog.contextNames(), typed)
        case .container:
            let containers = catalog.containers(target: target)
            var names = Self.matching(containers.flatMap(\.names), typed)
            // IDs only once the user starts typing one: a bare Tab should show names.
            if !typed.isEmpty {
                let ids = containers.map { String($0.id.prefix(12)) }.filter { $0.hasPrefix(typed) }
                names += Self.matching(ids, typed).filter { !names.contains($0) }
            }
            return names
        case .image:
            return Self.matching(catalog.images(target: target), typed)
        case .file:
            return catalog.paths(extending: typed, directoriesOnly: false)
        case .directory:
            return catalog.paths(extending: typed, directoriesOnly: true)
        }
    }

    /// The names that start with `typed`, sorted, each once.
    static func matching(_ names: [String], _ typed: String) -> [String] {
        Array(Set(names.filter { $0.hasPrefix(typed) })).sorted()
    }
}
