/// A command as data: its name, flags, arguments, completion sources and output shape, plus the
/// code that runs it. One table of these drives parsing, `help`, completion in the REPL and the
/// generated bash/zsh/fish scripts.
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
    public var usage: String
    public var scope: Scope
    public var flags: [FlagSpec] = []
    public var arguments: [ArgumentSpec] = []
    /// The shape used unless `--format` or `set format` says otherwise; nil when the command prints its own way.
    public var shape: OutputShape?
    /// Docker's `SetInterspersed(false)`: flags end at the first argument (`run IMAGE CMD -x`).
    public var flagsEndAtFirstArgument = false
    /// Flags end once the arguments so far satisfy this (a subcommand that runs a command line).
    public var flagsEndAfter: (@Sendable (_ positional: [String]) -> Bool)?
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
        usage: String,
        scope: Scope,
        flags: [FlagSpec] = [],
        arguments: [ArgumentSpec] = [],
        shape: OutputShape? = nil,
        flagsEndAtFirstArgument: Bool = false,
        flagsEndAfter: (@Sendable (_ positional: [String]) -> Bool)? = nil,
        run: @escaping @Sendable (Invocation) async throws -> Void
    ) {
        self.name = name
        self.aliases = aliases
        self.summary = summary
        self.usage = usage
        self.scope = scope
        self.flags = flags + (shape == nil ? [] : [FlagSpec.format])
        self.arguments = arguments
        self.shape = shape
        self.flagsEndAtFirstArgument = flagsEndAtFirstArgument
        self.flagsEndAfter = flagsEndAfter
        self.run = run
    }

    public func flag(named name: String) -> FlagSpec? {
        flags.first { $0.long == name || $0.short.map(String.init) == name }
    }
}

/// One flag of a command, spelled as docker spells it.
public struct FlagSpec: Sendable, Hashable {
    public var long: String
    public var short: Character?
    /// nil for a boolean flag; else the value's placeholder in help (`int`, `string`, `filter`).
    public var value: String?
    public var repeatable: Bool
    public var help: String
    public var completion: CompletionSource

    public init(
        _ long: String,
        short: Character? = nil,
        value: String? = nil,
        repeatable: Bool = false,
        help: String,
        completion: CompletionSource = .none
    ) {
        self.long = long
        self.short = short
        self.value = value
        self.repeatable = repeatable
        self.help = help
        self.completion = completion
    }

    public var takesValue: Bool { value != nil }

    static let format = FlagSpec(
        "format", value: "shape",
        help: "Output shape: table, lines, grouped or json (a Go template where docker takes one)",
        completion: .values(["table", "lines", "grouped", "json"]))
}

/// One positional argument, named for help and completion.
public struct ArgumentSpec: Sendable, Hashable {
    public var name: String
    public var completion: CompletionSource
    public var repeats: Bool
    public var optional: Bool

    public init(_ name: String, completion: CompletionSource = .none, repeats: Bool = false, optional: Bool = false) {
        self.name = name
        self.completion = completion
        self.repeats = repeats
        self.optional = optional
    }
}

/// Where completion candidates for a word come from.
public enum CompletionSource: Sendable, Hashable {
    case none
    case command
    case target
    case host
    case group
    case container
    case image
    case machine
    case context
    case file
    case directory
    case shell
    case values([String])
}

/// How a command's results are shown.
public enum OutputShape: String, Sendable, Hashable, CaseIterable {
    case table, lines, grouped, json
}
