/// Tab completion for the shell language, driven by the one command table: command names (also
/// after `@targets`), a command's flags and their values, `@` target expressions, and each
/// argument's `CompletionSource`. Pure: names beyond the table come from a `CompletionCatalog`.
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
        var words = line.words
        let current = line.current
        var target: String?
        if let first = words.first, first.hasPrefix("@") {
            target = String(first.dropFirst())
            words.removeFirst()
        }
        guard let name = words.first else {
            if current.hasPrefix("@") && target == nil { return Request(line: line, slot: .target) }
            return Request(line: line, slot: .fixed(visibleNames), target: target)
        }
        guard let spec = commands.command(named: name.hasPrefix("!") ? "!" : name) else {
            return Request(line: line, slot: .nothing, target: target)
        }
        return Request(line: line, slot: slot(for: spec, after: Array(words.dropFirst()), current: current), target: target)
    }

    /// Command names to offer: hidden ones (`__complete`) are left out.
    var visibleNames: [String] { commands.names }

    /// Walks the command's words like `FlagParser`, tolerating mistakes, to find what `current` is.
    private func slot(for spec: CommandSpec, after words: [String], current: String) -> Slot {
        var positional = 0
        var flagsEnded = false
        var given = Set<String>()
        var index = 0
        while index < words.count {
            let word = words[index]
            index += 1
            if flagsEnded || word == "-" || !word.hasPrefix("-") {
                positional += 1
                if spec.flagsEndAtFirstArgument { flagsEnded = true }
                continue
            }
            if word == "--" { flagsEnded = true; continue }
            guard let flag = Self.flag(in: word, of: spec) else { continue }
            given.insert(flag.long)
            let valueIsInline = word.contains("=") || (!word.hasPrefix("--") && word.last != flag.short)
            if flag.takesValue && !valueIsInline {
                if index == words.count { return .source(flag.completion, prefix: "") }
                index += 1
            }
        }
        if !flagsEnded && current.hasPrefix("-") {
            if current.hasPrefix("--"), let equals = current.firstIndex(of: "=") {
                let name = String(current[current.index(current.startIndex, offsetBy: 2)..<equals])
                guard let flag = spec.flags.first(where: { $0.long == name }), flag.takesValue else { return .nothing }
                return .source(flag.completion, prefix: String(current[...equals]))
            }
            let offered = spec.flags.filter { $0.repeatable || !given.contains($0.long) }
            let longs = offered.map { "--\($0.long)" }
            let shorts = current.hasPrefix("--") ? [] : offered.compactMap { $0.short.map { "-\($0)" } }
            return .fixed(shorts + longs)
        }
        guard !spec.arguments.isEmpty else { return .nothing }
        let argument = positional < spec.arguments.count
            ? spec.arguments[positional]
            : spec.arguments.last!.repeats ? spec.arguments.last! : nil
        guard let argument else { return .nothing }
        return .source(argument.completion, prefix: "")
    }

    /// The flag a word names: `--long`, `--long=v`, or the last letter of `-abc` / the letter taking `-n5`.
    private static func flag(in word: String, of spec: CommandSpec) -> FlagSpec? {
        if word.hasPrefix("--") {
            let name = word.dropFirst(2).prefix { $0 != "=" }
            return spec.flags.first { $0.long == name }
        }
        for letter in word.dropFirst() {
            guard let flag = spec.flags.first(where: { $0.short == letter }) else { return nil }
            if flag.takesValue || letter == word.last { return flag }
        }
        return nil
    }

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
