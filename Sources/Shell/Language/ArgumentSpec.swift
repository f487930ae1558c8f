/// One positional argument, named for usage and completion. Its arity (required, optional,
/// repeated) is what the parser checks: commands never count their arguments themselves.
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

    /// As docker writes it in a usage line: `NAME`, `[NAME]`, `NAME [NAME...]`, `[NAME...]`.
    var usage: String {
        switch (optional, repeats) {
        case (false, false): name
        case (true, false): "[\(name)]"
        case (false, true): "\(name) [\(name)...]"
        case (true, true): "[\(name)...]"
        }
    }
}

/// How many positional arguments a command takes, from its `ArgumentSpec`s.
public struct Arity: Sendable, Hashable {
    public var minimum: Int
    /// nil: no limit (the last argument repeats).
    public var maximum: Int?

    public init(_ arguments: [ArgumentSpec]) {
        minimum = arguments.filter { !$0.optional }.count
        maximum = arguments.contains { $0.repeats } ? nil : arguments.count
    }

    public func accepts(_ count: Int) -> Bool {
        count >= minimum && maximum.map { count <= $0 } != false
    }

    /// docker/cli cli/required.go's words for a count this arity refuses (`"dmux stop" requires at
    /// least 1 argument.`): NoArgs, ExactArgs, RequiresMinArgs, RequiresMaxArgs, RequiresRangeArgs.
    public func refusal(path: String) -> String {
        func arguments(_ count: Int) -> String { count == 1 ? "argument" : "arguments" }
        switch (minimum, maximum) {
        case (0, 0?): return "\"\(path)\" accepts no arguments."
        case (let low, let high?) where low == high: return "\"\(path)\" requires exactly \(low) \(arguments(low))."
        case (let low, nil): return "\"\(path)\" requires at least \(low) \(arguments(low))."
        case (0, let high?): return "\"\(path)\" requires at most \(high) \(arguments(high))."
        case (let low, let high?): return "\"\(path)\" requires at least \(low) and at most \(high) \(arguments(high))."
        }
    }
}
