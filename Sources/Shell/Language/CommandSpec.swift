/// A node of the command tree: a command's name, flags, arguments (with their arity and
/// completion source), output shape, help and subcommands, plus the code that runs it. The tree
/// (`CommandTable`, whose root holds dmux's own options) is the only description of a command:
/// `CommandLineParser`, `UsageText`, `help` and every kind of completion read it.
public struct CommandSpec: Sendable {
    public enum Scope: Sendable, Hashable {
        /// Sent to engines: takes `@targets`, fans out.
        case engines
        /// Runs in the shell itself (`hosts`, `use`, `group`, `set`, …).
        case shell
    }

    public var name: String
    public var aliases: [String] = []
    public var summary: String
    public var scope: Scope
    public var flags: [FlagSpec] = []
    public var arguments: [ArgumentSpec] = []
    /// The shape used unless `--format` or `set format` says otherwise; nil when the command prints its own way.
    public var shape: OutputShape?
    /// Docker's `SetInterspersed(false)`: flags end at the first argument (`run IMAGE CMD -x`).
    public var flagsEndAtFirstArgument = false
    /// Cobra's `DisableFlagParsing`: every word is an argument, `--help` too (`__complete`'s
    /// words are the user's half-typed line, flags included).
    public var flagParsingDisabled = false
    /// docker's management form: `container ls`, `machine create`. A node with subcommands and
    /// no arguments of its own shows its help when no subcommand is named.
    public var subcommands: [CommandSpec] = []
    /// By default a command goes to the hosts that are up; `ping` sets this to try the others too.
    public var targetsDownHosts = false
    /// The command that runs instead when no argument is given: `wait` alone joins the shell's
    /// background jobs, `wait CONTAINER…` is docker's.
    public var withoutArguments: (@Sendable () -> CommandSpec)?
    public var run: @Sendable (Invocation) async throws -> Void

    public init(
        name: String,
        aliases: [String] = [],
        summary: String,
        scope: Scope,
        flags: [FlagSpec] = [],
        arguments: [ArgumentSpec] = [],
        shape: OutputShape? = nil,
        flagsEndAtFirstArgument: Bool = false,
        flagParsingDisabled: Bool = false,
        subcommands: [CommandSpec] = [],
        run: @escaping @Sendable (Invocation) async throws -> Void
    ) {
        self.name = name
        self.aliases = aliases
        self.summary = summary
        self.scope = scope
        self.flags = flags + (shape == nil ? [] : [FlagSpec.format])
        self.arguments = arguments
        self.shape = shape
        self.flagsEndAtFirstArgument = flagsEndAtFirstArgument
        self.flagParsingDisabled = flagParsingDisabled
        self.subcommands = subcommands
        self.run = run
    }

    /// A node that only gathers subcommands (docker's `container`, `image`, our `machine`).
    public static func group(_ name: String, summary: String, scope: Scope, _ subcommands: [CommandSpec]) -> CommandSpec {
        CommandSpec(name: name, summary: summary, scope: scope, subcommands: subcommands) { _ in }
    }

    /// The same command under the name a management node gives it (`container ls` is `ps`): one
    /// declaration, reachable from two places.
    public func named(_ name: String, aliases: [String] = []) -> CommandSpec {
        var copy = self
        copy.name = name
        copy.aliases = aliases
        return copy
    }

    /// True for a node that needs a subcommand word (a group).
    public var isGroup: Bool { !subcommands.isEmpty && arguments.isEmpty }
    /// `__complete` and other `__` commands are left out of help, suggestions and completion.
    public var isHidden: Bool { name.hasPrefix("__") }
    public var names: [String] { [name] + aliases }

    public func flag(named name: String) -> FlagSpec? {
        flags.first { $0.long == name || $0.short.map(String.init) == name }
    }

    public func subcommand(named word: String) -> CommandSpec? {
        subcommands.first { $0.name == word || $0.aliases.contains(word) }
    }

    /// Subcommand names (with aliases) offered to the user.
    public var visibleSubcommandNames: [String] { subcommands.filter { !$0.isHidden }.flatMap(\.names) }
}
