import DockerAPI

/// `create [OPTIONS] IMAGE [COMMAND] [ARG…]`: `run`'s flags and container config (RunCommand.plan),
/// without starting; prints each host's new container ID as docker does
/// (docker/cli cli/command/container/create.go).
enum CreateCommand {
    static let spec = CommandSpec(
        name: "create", summary: "Create a new container on every target", scope: .engines,
        flags: RunCommand.spec.flags.filter { $0.long != "detach" && $0 != FlagSpec.format },
        arguments: RunCommand.spec.arguments,
        shape: .lines, flagsEndAtFirstArgument: true
    ) { invocation in
        var planned = try RunCommand.plan(invocation)
        // Created, not run: --rm is the engine's to honour when the container exits.
        planned.config.hostConfig.autoRemove = planned.remove
        let plan = planned
        let presenter = invocation.presenter
        await invocation.eachHost { host in
            let created = try await host.decode(CreatedResponse.self, EngineRequests.create(name: plan.name, config: plan.config))
            for warning in created.warnings {
                presenter.line(host: host.name, text: "WARNING: \(warning)", stderr: true)
            }
            presenter.line(host: host.name, text: created.id, json: .object([("id", .string(created.id))]))
        }
    }
}
