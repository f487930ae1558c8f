/// docker's `image` subcommands that dmux adds.
public enum ImageLeaves {
    public static let all: [CommandSpec] = [HistoryCommand.spec, PruneCommands.image, removeImage, TypedInspect.spec("image")]

    /// `image rm`: `rmi` under docker's management name.
    static let removeImage: CommandSpec = {
        var spec = ImageCommands.rmi
        spec.name = "rm"
        spec.usage = "[@TARGETS] image rm [OPTIONS] IMAGE [IMAGE...]"
        return spec
    }()
}
