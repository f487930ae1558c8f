/// docker's `image` subcommands that came with the everyday surface.
public enum ImageLeaves {
    public static let all: [CommandSpec] = [HistoryCommand.spec, PruneCommands.image]
}
