/// docker's `volume` subcommands beside `ls`.
public enum VolumeLeaves {
    public static let all: [CommandSpec] = [PruneCommands.volume]
}
