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
