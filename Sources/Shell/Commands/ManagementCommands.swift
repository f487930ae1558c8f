/// docker's management commands as real nodes of the tree (docker/cli cli/command/container,
/// image, network, volume and system `NewXxxCommand`): `container ls`, `image rm`, `system df`…
/// Each leaf is the same `CommandSpec` as the short form (`ps`, `rmi`, `df`), under docker's
/// name for it, so the two can never differ. A new leaf is one more element in its node's list.
enum ManagementCommands {
    static let all: [CommandSpec] = [container, image, network, volume, system]

    static let container = CommandSpec.group("container", summary: "Manage containers", scope: .engines, [
        PsCommand.spec.named("ls", aliases: ["ps", "list"]), InspectCommand.spec,
        ContainerCommands.start, ContainerCommands.stop, ContainerCommands.restart, ContainerCommands.kill,
        ContainerCommands.rm.named("rm", aliases: ["remove"]), ContainerCommands.pause, ContainerCommands.unpause,
        LogsCommand.spec, SystemCommands.top, ExecCommand.spec, RunCommand.spec, StatsCommand.spec,
    ] + ContainerLeaves.all)

    static let image = CommandSpec.group("image", summary: "Manage images", scope: .engines, [
        ImagesCommand.spec.named("ls", aliases: ["list"]), InspectCommand.spec, PullCommand.spec, PushCommand.spec,
        ImageCommands.rmi.named("rm", aliases: ["rmi", "remove"]), TagCommand.spec, SaveCommand.spec, LoadCommand.spec,
        BuildCommand.spec, ImageCopyCommand.spec,
    ] + ImageLeaves.all)

    static let network = CommandSpec.group("network", summary: "Manage networks", scope: .engines, [
        NetworkVolumeCommands.networkList, InspectCommand.spec,
    ] + NetworkLeaves.all)

    static let volume = CommandSpec.group("volume", summary: "Manage volumes", scope: .engines, [
        NetworkVolumeCommands.volumeList, InspectCommand.spec,
    ] + VolumeLeaves.all)

    static let system = CommandSpec.group("system", summary: "Manage Docker", scope: .engines, [
        DfCommand.spec, SystemCommands.info, EventsCommand.spec,
    ] + SystemLeaves.all)
}
