/// The one parser of command lines, after tokenizing: the `@TARGETS` prefix, `!PROGRAM`
/// passthrough, the walk to the subcommand, flags and the arity check, all read from the tree.
/// `parse` is strict (a usage error names the token); `slot` is the lenient mode completion
/// uses to learn what the word under the cursor is. `optionSlot` does the same for the argv of
/// `dmux …` itself, whose root node holds dmux's own options (the executable parses that argv
/// with ArgumentParser, from `DmuxOptions`, the declaration the root is derived from).
public struct CommandLineParser: Sendable {
    public let table: CommandTable

    public init(_ table: CommandTable) {
        self.table = table
    }

    /// What the word under the cursor is.
    public enum Slot: Sendable {
        /// A command name (or, with nothing typed yet, an `@` target).
        case command
        /// `@EXPR`: hosts, groups and `all`.
        case target
        /// A subcommand of this node (`machine cr`).
        case subcommand(CommandSpec)
        /// A flag name of this node; `given` holds the flags already on the line.
        case flagName(CommandSpec, given: Set<String>)
        /// A flag's value; `prefix` (`--format=`) stays in front of every candidate.
        case flagValue(FlagSpec, prefix: String)
        /// A positional argument.
        case argument(ArgumentSpec)
        case nothing
    }

    // MARK: A shell command's words

    /// Parses `[@TARGETS] NAME [SUBCOMMAND…] [FLAGS] [ARGS…]` or `[@TARGETS] !PROGRAM [ARGS…]`.
    public func parse(_ words: [String]) throws(ShellUsageError) -> ParsedCommand {
        var (target, words) = Self.splitTarget(words)
        if let target, words.isEmpty { throw ShellUsageError("missing command after '@\(target)'") }
        words = Self.splitPassthrough(words)
        guard let name = words.first else { throw ShellUsageError("missing command") }
        guard let spec = table.command(named: name) else {
            let hint = Suggestion.nearest(to: name, in: table.names).map { " (did you mean '\($0)'?)" } ?? ""
            throw ShellUsageError("unknown command '\(name)'\(hint); try 'help'")
        }
        var walk = CommandWalk(spec, path: [spec.name])
        try walk.consume(words.dropFirst(), strict: true)
        try walk.finish()
        return ParsedCommand(target: target, path: walk.path, spec: walk.node, arguments: walk.arguments)
    }

    /// The slot of `current`, the word after `words` (whole words of the same command), and the
    /// command's `@EXPR`. Never fails: a line being typed is allowed to be wrong.
    public func slot(words: [String], current: String) -> (slot: Slot, target: String?) {
        var (target, words) = Self.splitTarget(words)
        if words.isEmpty {
            return (current.hasPrefix("@") && target == nil ? .target : .command, target)
        }
        words = Self.splitPassthrough(words)
        guard let spec = table.command(named: words[0]) else { return (.nothing, target) }
        var walk = CommandWalk(spec, path: [spec.name])
        try? walk.consume(words.dropFirst(), strict: false)
        return (slot(after: walk, current: current), target)
    }

    // MARK: The argv of `dmux …`

    /// The slot of `current` after the words of a `dmux …` command line: one of dmux's options or
    /// its value, else the command line that follows them. `options` holds the options given.
    public func optionSlot(argv: [String], current: String) -> (slot: Slot, target: String?, options: ParsedArguments) {
        var walk = CommandWalk(table.root, path: [])
        try? walk.consume(argv[...], strict: false)
        if walk.awaitingValue == nil && !walk.arguments.positional.isEmpty {
            let (slot, target) = slot(words: walk.arguments.positional, current: current)
            return (slot, target, walk.arguments)
        }
        if walk.awaitingValue == nil && !current.hasPrefix("-") {
            return (current.hasPrefix("@") ? .target : .command, nil, walk.arguments)
        }
        return (slot(after: walk, current: current), nil, walk.arguments)
    }

    // MARK: Shared steps

    private func slot(after walk: CommandWalk, current: String) -> Slot {
        if walk.lost { return .nothing }
        if let flag = walk.awaitingValue { return .flagValue(flag, prefix: "") }
        let node = walk.node
        if !walk.flagsEnded && !node.flagParsingDisabled && current.hasPrefix("-") {
            if current.hasPrefix("--"), let equals = current.firstIndex(of: "=") {
                let name = String(current[current.index(current.startIndex, offsetBy: 2)..<equals])
                guard let flag = node.flags.first(where: { $0.long == name }), flag.takesValue else { return .nothing }
                return .flagValue(flag, prefix: String(current[...equals]))
            }
            return .flagName(node, given: walk.given)
        }
        if node.isGroup { return .subcommand(node) }
        let positional = walk.arguments.positional
        let arguments = node.arguments
        guard let argument = positional.count < arguments.count
            ? arguments[positional.count]
            : arguments.last.flatMap({ $0.repeats ? $0 : nil })
        else { return .nothing }
        // `help machine cr`: a repeated command argument is a path down the tree.
        if argument.completion == .command, argument.repeats, !positional.isEmpty {
            guard let (named, _) = table.node(at: positional), named.isGroup else { return .nothing }
            return .subcommand(named)
        }
        return .argument(argument)
    }

    /// `@EXPR` in front of a command.
    private static func splitTarget(_ words: [String]) -> (String?, [String]) {
        guard let first = words.first, first.hasPrefix("@") else { return (nil, words) }
        return (String(first.dropFirst()), Array(words.dropFirst()))
    }

    /// `!PROGRAM ARGS…` is the `!` command with PROGRAM as its first argument.
    private static func splitPassthrough(_ words: [String]) -> [String] {
        guard let first = words.first, first.hasPrefix("!") else { return words }
        let program = String(first.dropFirst())
        return ["!"] + (program.isEmpty ? [] : [program]) + words.dropFirst()
    }
}
