/// docker's `system` subcommands that dmux adds (`df`, `info`, `events` are hung by the command tree).
public enum SystemLeaves {
    public static let all: [CommandSpec] = [PruneCommands.system]
}
