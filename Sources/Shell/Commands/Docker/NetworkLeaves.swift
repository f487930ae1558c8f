/// docker's `network` subcommands beside `ls` and `inspect`.
public enum NetworkLeaves {
    public static let all: [CommandSpec] = [
        NetworkCommands.create, NetworkCommands.remove, NetworkCommands.connect, NetworkCommands.disconnect, PruneCommands.network,
    ]
}
