/// docker's `volume` subcommands beside `ls` and `inspect`.
public enum VolumeLeaves {
    public static let all: [CommandSpec] = [VolumeCommands.create, VolumeCommands.remove, PruneCommands.volume]
}
