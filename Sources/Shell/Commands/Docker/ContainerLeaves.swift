/// docker's `container` subcommands that dmux adds (the ones it had are hung by the command tree).
public enum ContainerLeaves {
    public static let all: [CommandSpec] = [
        CreateCommand.spec, PruneCommands.container, PortCommand.spec, RenameCommand.spec, UpdateCommand.spec,
        WaitCommand.containerSpec, DiffCommand.spec, CopyCommand.spec, AttachCommand.spec,
        TypedInspect.spec("container"),
    ]
}
