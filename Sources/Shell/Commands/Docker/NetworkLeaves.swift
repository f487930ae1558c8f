/// docker's `network` subcommands beside `ls`.
public enum NetworkLeaves {
    public static let all: [CommandSpec] = [
        NetworkCommands.create, NetworkCommands.remove, NetworkCommands.connect, NetworkCommands.disconnect,
        NetworkCommands.inspect, PruneCommands.network,
    ]
}
