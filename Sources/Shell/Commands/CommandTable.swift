/// The command tree: its root is the `dmux` executable with its own options, its children are
/// the shell's commands, and management nodes (`container`, `image`, `machine`, …) hold
/// subcommands. The REPL, batch mode, `help`, every usage line, REPL completion, `__complete`
/// and the generated completion scripts all read this one tree. The root's flags are derived
/// from `DmuxOptions`, the ArgumentParser declaration the executable parses its argv with.
public struct CommandTable: Sendable {
    public let root: CommandSpec

    public init(_ commands: [CommandSpec], options: [FlagSpec] = DmuxOptions.rootFlags) {
        root = CommandSpec(
            name: "dmux", summary: DmuxOptions.configuration.abstract, scope: .shell, flags: options,
            arguments: [ArgumentSpec("COMMAND", completion: .command, repeats: true, optional: true)],
            flagsEndAtFirstArgument: true, subcommands: commands
        ) { _ in }
    }

    public static let standard = CommandTable(
        ShellCommands.all + ListCommands.all + ManagementCommands.all + SystemCommands.all + ContainerCommands.all
            + StreamCommands.all + RunCommands.all + ImageCommands.all + PassthroughCommands.all
            + MachineCommands.all + CompletionCommands.all + SurfaceCommands.all)

    public var commands: [CommandSpec] { root.subcommands }
    /// Names for help, suggestions and completion; `__complete` and other `__` commands are hidden.
    public var names: [String] { visible.flatMap(\.names) }
    public var visible: [CommandSpec] { commands.filter { !$0.isHidden } }

    public func command(named name: String) -> CommandSpec? {
        root.subcommand(named: name.hasPrefix("!") ? "!" : name)
    }

    /// The node `words` name (`["machine", "create"]`, aliases allowed) and its path as the tree
    /// spells it; nil when a word names nothing.
    public func node(at words: [String]) -> (CommandSpec, path: [String])? {
        guard let first = words.first, var node = command(named: first) else { return nil }
        var path = [node.name]
        for word in words.dropFirst() {
            guard let child = node.subcommand(named: word) else { return nil }
            node = child
            path.append(child.name)
        }
        return (node, path)
    }

    /// Every node below the root with its path, depth first: what the tree test walks.
    public var allNodes: [(spec: CommandSpec, path: [String])] {
        func walk(_ spec: CommandSpec, _ path: [String]) -> [(spec: CommandSpec, path: [String])] {
            [(spec, path)] + spec.subcommands.flatMap { walk($0, path + [$0.name]) }
        }
        return commands.flatMap { walk($0, [$0.name]) }
    }

    static let howToAddEngines = """
        give one with -H (dmux -H unix:///var/run/docker.sock), set DOCKER_HOST, create a docker-machine \
        or a docker context, or type 'connect NAME URL'
        """
}
