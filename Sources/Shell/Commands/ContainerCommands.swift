import DockerAPI
import FanOut
import Transport

/// The lifecycle commands: start, stop, restart, kill, rm, pause, unpause. Each takes several
/// containers and, like docker, prints every name it acted on (`tls1 | web`); a container the
/// engine refused is that host's failure in the engine's words (`tls2: No such container: web`).
enum ContainerCommands {
    static let all: [CommandSpec] = [start, stop, restart, kill, rm, pause, unpause]

    static let containers = ArgumentSpec("CONTAINER", completion: .container, repeats: true)
    static let time = FlagSpec("time", short: "t", value: "int", help: "Seconds to wait before killing the container")

    static let start = lifecycle("start", "Start one or more stopped containers") { id, _ in EngineRequests.start(id) }

    static let stop = lifecycle("stop", "Stop one or more running containers", flags: [
        time, FlagSpec("signal", short: "s", value: "string", help: "Signal to send to the container"),
    ], waits: true) { id, arguments in
        EngineRequests.stop(id, timeout: try arguments.int("time"), signal: arguments.value("signal"))
    }

    static let restart = lifecycle("restart", "Restart one or more containers", flags: [
        time, FlagSpec("signal", short: "s", value: "string", help: "Signal to send to the container"),
    ], waits: true) { id, arguments in
        EngineRequests.restart(id, timeout: try arguments.int("time"), signal: arguments.value("signal"))
    }

    static let kill = lifecycle("kill", "Kill one or more running containers", flags: [
        FlagSpec("signal", short: "s", value: "string", help: "Signal to send to the container"),
    ]) { id, arguments in
        EngineRequests.kill(id, signal: arguments.value("signal"))
    }

    static let rm = lifecycle("rm", "Remove one or more containers", flags: [
        FlagSpec("force", short: "f", help: "Force the removal of a running container (uses SIGKILL)"),
        FlagSpec("volumes", short: "v", help: "Remove anonymous volumes associated with the container"),
    ]) { id, arguments in
        EngineRequests.remove(id, force: arguments.isOn("force"), volumes: arguments.isOn("volumes"))
    }

    static let pause = lifecycle("pause", "Pause all processes within one or more containers") { id, _ in EngineRequests.pause(id) }
    static let unpause = lifecycle("unpause", "Unpause all processes within one or more containers") { id, _ in EngineRequests.unpause(id) }

    /// The daemon's default stop timeout, used to extend the per-host timeout when `-t` is absent.
    static let defaultStopSeconds = 10

    /// One lifecycle command: `request` builds the call for one container. The containers of a
    /// host are acted on concurrently (docker's parallelOperation) and printed in argument order.
    static func lifecycle(
        _ name: String,
        _ summary: String,
        flags: [FlagSpec] = [],
        waits: Bool = false,
        request: @escaping @Sendable (String, ParsedArguments) throws -> APIRequest
    ) -> CommandSpec {
        CommandSpec(
            name: name, summary: summary, scope: .engines, flags: flags, arguments: [containers], shape: .lines
        ) { invocation in
            let names = invocation.arguments.positional
            let arguments = invocation.arguments
            // Build every request once up front, so a bad flag value is a usage error before anything is sent.
            let requests = try names.map { try request($0, arguments) }
            let timeout = try waits ? extendedTimeout(invocation) : .none
            let presenter = invocation.presenter
            await invocation.eachHost(timeout: timeout) { host in
                let results = await withTaskGroup(of: (Int, Error?).self) { group in
                    for (index, request) in requests.enumerated() {
                        group.addTask {
                            do {
                                _ = try await host.send(request)
                                return (index, nil)
                            } catch {
                                return (index, error)
                            }
                        }
                    }
                    var results = [Error?](repeating: nil, count: requests.count)
                    for await (index, error) in group { results[index] = error }
                    return results
                }
                // An engine that cannot be reached is one failure of the host, not one per container.
                if let unreachable = results.compactMap({ $0 }).first(where: { !($0 is EngineAPIError) }) {
                    throw unreachable
                }
                for (index, error) in results.enumerated() {
                    if let error, forcedRemovalOfNothing(name, arguments, error) {
                        presenter.note(HostFailure(host: host.name, error: error))
                    } else if let error {
                        presenter.failure(HostFailure(host: host.name, error: error))
                    } else {
                        presenter.line(host: host.name, text: names[index], json: .object([
                            ("container", .string(names[index])), ("action", .string(name)),
                        ]))
                    }
                }
                // docker start ends with a summary of its own (cli/command/container/start.go).
                let failed = results.indices.filter { results[$0] != nil }.map { names[$0] }
                if name == "start" && presenter.asDocker && !failed.isEmpty {
                    invocation.console.err("Error: failed to start containers: \(failed.joined(separator: ", "))\n")
                }
            }
        }
    }

    /// `rm -f` of a container that is not there is said but is no failure, as in docker
    /// (cli/command/container/rm.go).
    static func forcedRemovalOfNothing(_ command: String, _ arguments: ParsedArguments, _ error: Error) -> Bool {
        command == "rm" && arguments.isOn("force") && (error as? EngineAPIError)?.status == 404
    }

    /// The per-host timeout plus the time the engine may wait before killing (`-t`); no limit for `-t -1`.
    static func extendedTimeout(_ invocation: Invocation) throws(ShellUsageError) -> Duration?? {
        let seconds = try invocation.arguments.int("time") ?? defaultStopSeconds
        if seconds < 0 { return .some(nil) }
        return .some(invocation.settings.timeout + .seconds(seconds))
    }
}
