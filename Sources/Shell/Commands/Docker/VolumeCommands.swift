import DockerAPI

/// `volume create|rm|inspect` on every target (docker/cli cli/command/volume/*.go): create
/// prints each host's volume name, rm the names removed.
enum VolumeCommands {
    static let create = CommandSpec(
        name: "create", summary: "Create a volume on every target", scope: .engines,
        flags: [
            FlagSpec("driver", short: "d", value: "string", help: "Specify volume driver name (default \"local\")"),
            FlagSpec("opt", short: "o", value: "map", repeatable: true, help: "Set driver specific options"),
            FlagSpec("label", value: "list", repeatable: true, help: "Set metadata for a volume"),
        ],
        arguments: [ArgumentSpec("VOLUME", optional: true)],
        shape: .lines
    ) { invocation in
        let words = invocation.arguments.positional
        guard words.count <= 1 else { throw ShellUsageError("\"volume create\" requires at most 1 argument") }
        let arguments = invocation.arguments
        // No name: each engine makes up its own, as docker's does.
        let request = EngineRequests.createVolume(.object([
            ("Driver", .string(arguments.value("driver") ?? "local")), ("DriverOpts", KeyValueList.object(arguments.all("opt"))),
            ("Labels", KeyValueList.object(arguments.all("label"))), ("Name", .string(words.first ?? "")),
        ]))
        let presenter = invocation.presenter
        await invocation.eachHost { host in
            let (_, volume) = try await Invocation.fetch(JSONValue.self, request, from: host)
            let name = volume["Name"]?.stringValue ?? ""
            presenter.line(host: host.name, text: name, json: .object([("name", .string(name))]))
        }
    }

    static let remove: CommandSpec = {
        var spec = ContainerCommands.lifecycle("rm", "Remove one or more volumes", flags: [
            FlagSpec("force", short: "f", help: "Force the removal of one or more volumes"),
        ]) { name, arguments in EngineRequests.removeVolume(name, force: arguments.isOn("force")) }
        spec.aliases = ["remove"]
        spec.arguments = [ArgumentSpec("VOLUME", repeats: true)]
        return spec
    }()
}
