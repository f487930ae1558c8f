/// docker's `container` subcommands that came with the everyday surface (ManagementCommands
/// hangs them beside the ones the tree had).
public enum ContainerLeaves {
    public static let all: [CommandSpec] = [
        CreateCommand.spec, PruneCommands.container, PortCommand.spec, RenameCommand.spec, UpdateCommand.spec,
        WaitCommand.containerSpec, DiffCommand.spec, CopyCommand.spec, AttachCommand.spec,
    ]
}
