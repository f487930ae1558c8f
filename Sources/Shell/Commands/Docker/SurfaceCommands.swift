/// docker's short forms that dmux adds at the top level (`create`, `port`, `cp` …);
/// `wait` takes the place of the shell's job join in ShellCommands, which it still runs bare.
enum SurfaceCommands {
    static let all: [CommandSpec] = [
        CreateCommand.spec, PortCommand.spec, RenameCommand.spec, UpdateCommand.spec, DiffCommand.spec,
        HistoryCommand.spec, CopyCommand.spec, AttachCommand.spec,
    ]
}
