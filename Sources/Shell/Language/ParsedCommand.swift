/// A command line once the tree has parsed it: where it goes, which node of the tree it names,
/// and its flags and arguments.
public struct ParsedCommand: Sendable {
    /// The `@EXPR` in front of the command, without the `@`.
    public var target: String?
    /// The words naming the command, as the tree spells them (`["container", "ls"]`).
    public var path: [String]
    public var spec: CommandSpec
    public var arguments: ParsedArguments

    /// docker's `cmd.CommandPath()`: `dmux container ls`.
    public var commandPath: String { UsageText.commandPath(path) }
}
