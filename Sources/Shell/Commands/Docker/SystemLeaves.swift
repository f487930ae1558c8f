/// docker's `system` subcommands beside `df`, `info` and `events`.
public enum SystemLeaves {
    public static let all: [CommandSpec] = [PruneCommands.system]
}
