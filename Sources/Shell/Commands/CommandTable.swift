/// Every command of the shell, in one table: the REPL, batch mode, `help`, completion and the
/// generated completion scripts all read it.
public struct CommandTable: Sendable {
    public let commands: [CommandSpec]

    public init(_ commands: [CommandSpec]) {
        self.commands = commands
    }

    public static let standard = CommandTable(
        ShellCommands.all + ListCommands.all + NetworkVolumeCommands.all + SystemCommands.all + ContainerCommands.all
            + StreamCommands.all + RunCommands.all + ImageCommands.all + PassthroughCommands.all
            + MachineCommands.all + CompletionCommands.all + SurfaceCommands.all + InterimDispatch.all)

    /// Names for help, suggestions and completion; `__complete` and other `__` commands are hidden.
    public var names: [String] { visible.flatMap { [$0.name] + $0.aliases } }
    public var visible: [CommandSpec] { commands.filter { !$0.name.hasPrefix("__") } }

    public func command(named name: String) -> CommandSpec? {
        commands.first { $0.name == name || $0.aliases.contains(name) }
    }

    static let howToAddEngines = """
        give one with -H (dmux -H unix:///var/run/docker.sock), set DOCKER_HOST, create a docker-machine \
        or a docker context, or type 'connect NAME URL'
        """
}
