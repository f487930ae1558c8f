/// docker's `network` subcommands beside `ls`.
public enum NetworkLeaves {
    public static let all: [CommandSpec] = [PruneCommands.network]
}
