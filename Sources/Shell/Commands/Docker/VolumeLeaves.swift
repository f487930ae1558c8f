/// docker's `volume` subcommands beside `ls`.
public enum VolumeLeaves {
    public static let all: [CommandSpec] = [VolumeCommands.create, VolumeCommands.remove, VolumeCommands.inspect, PruneCommands.volume]
}
