import DockerAPI
import FanOut

/// `run`: create a container on every target, attach before starting it so no output is missed,
/// stream its lines, and report each host's exit code (non-zero: that host failed).
enum RunCommand {
    static let spec = CommandSpec(
        name: "run", summary: "Create and start a container on every target, stream its output, report each exit code",
        scope: .engines,
        flags: [
            FlagSpec("detach", short: "d", help: "Run in the background and print the container ID of each host"),
            FlagSpec("rm", help: "Remove the container when it exits"),
            FlagSpec("name", value: "string", help: "Assign a name to the container (the same on every host)"),
            FlagSpec("env", short: "e", value: "list", repeatable: true, help: "Set environment variables (K=V, or K to copy dmux's own)"),
            FlagSpec("label", short: "l", value: "list", repeatable: true, help: "Set metadata on the container (K=V)"),
            FlagSpec("entrypoint", value: "string", help: "Overwrite the default ENTRYPOINT of the image"),
            FlagSpec("tty", short: "t", help: "Allocate a pseudo-TTY (stderr merged into stdout)"),
            FlagSpec("network", value: "string", help: "Network mode, docker's default \"default\"; engines without a bridge need \"none\""),
            FlagSpec("workdir", short: "w", value: "string", help: "Working directory inside the container"),
            FlagSpec("user", short: "u", value: "string", help: "Username or UID (format: <name|uid>[:<group|gid>])"),
        ],
        arguments: [ArgumentSpec("IMAGE", completion: .image), ArgumentSpec("COMMAND", optional: true), ArgumentSpec("ARG", repeats: true, optional: true)],
        shape: .lines, flagsEndAtFirstArgument: true
    ) { invocation in
        try await run(invocation)
    }

    struct Plan: Sendable {
        var name: String?
        var config: ContainerCreateConfig
        var detach: Bool
        var remove: Bool
    }

    static func run(_ invocation: Invocation) async throws {
        let plan = try plan(invocation)
        let presenter = invocation.presenter
        await invocation.eachHost(timeout: .some(nil)) { host in
            do {
                return try await runOne(plan, on: host, presenter: presenter)
            } catch let error as EngineAPIError where presenter.asDocker {
                let (failure, status) = dockerFailure(error, host: host.name)
                presenter.raiseStatus(to: status)
                throw failure
            }
        } onSuccess: { host, code in
            if let code { ExitCodeReport.report(host: host.name, code: code, presenter: presenter) }
        }
    }

    /// What `docker run` says when the engine refuses, and its status: 127 when the command was
    /// not found, 126 when it could not be run, 125 for the rest (cli/command/container/run.go,
    /// toStatusError and withHelp).
    static func dockerFailure(_ error: EngineAPIError, host: String) -> (HostFailure, ExitStatus) {
        let words = error.dockerMessage ?? error.message
        let message = "docker: \(words)\n\nRun 'docker run --help' for more information"
        let notFound = ["executable file not found", "no such file or directory", "system cannot find the file specified"]
        let status: Int32 = notFound.contains { words.contains($0) } ? 127
            : words.contains("permission denied") || words.contains("is a directory") ? 126 : 125
        return (HostFailure(host: host, kind: .failed, message: error.message, dockerMessage: message), ExitStatus(rawValue: status))
    }

    static func plan(_ invocation: Invocation) throws(ShellUsageError) -> Plan {
        let words = invocation.arguments.positional
        let arguments = invocation.arguments
        let detach = arguments.isOn("detach")
        let remove = arguments.isOn("rm")
        var labels: [String: String] = [:]
        for label in arguments.all("label") {
            let parts = label.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            labels[String(parts[0])] = parts.count > 1 ? String(parts[1]) : ""
        }
        var entrypoint: [String]?
        if let given = arguments.value("entrypoint") { entrypoint = [given] }
        let command = Array(words.dropFirst())
        let config = ContainerCreateConfig(
            image: words[0], cmd: command.isEmpty ? nil : command, entrypoint: entrypoint,
            env: environment(arguments.all("env"), from: invocation.shell.environment),
            labels: labels.isEmpty ? nil : labels, workingDir: arguments.value("workdir"), user: arguments.value("user"),
            tty: arguments.isOn("tty"),
            // Detached with --rm, the engine removes it; attached, dmux does after reading the exit code.
            hostConfig: .init(autoRemove: detach && remove, networkMode: arguments.value("network") ?? "default"))
        return Plan(name: arguments.value("name"), config: config, detach: detach, remove: remove)
    }

    /// docker's `-e` rule: `K=V` as given, a bare `K` copies dmux's own value or is dropped.
    static func environment(_ given: [String], from local: [String: String]) -> [String]? {
        let values = given.compactMap { entry -> String? in
            if entry.contains("=") { return entry }
            return local[entry].map { "\(entry)=\($0)" }
        }
        return values.isEmpty ? nil : values
    }

    /// One host's run; the exit code, or nil when detached.
    static func runOne(_ plan: Plan, on host: HostSession, presenter: Presenter) async throws -> Int? {
        if !plan.detach { try HijackGuard.check(host, command: "run without -d") }
        let created = try await host.decode(CreatedResponse.self, EngineRequests.create(name: plan.name, config: plan.config))
        let id = created.id
        for warning in created.warnings {
            presenter.line(host: host.name, text: "WARNING: \(warning)", stderr: true)
        }
        do {
            if plan.detach {
                _ = try await host.send(EngineRequests.start(id))
                presenter.line(host: host.name, text: id, json: .object([("id", .string(id))]))
                return nil
            }
            let pump = OutputPump(host: host.name, presenter: presenter, tty: plan.config.tty)
            try await host.stream(EngineRequests.attach(id, stdout: true, stderr: true)) { response in
                _ = try await host.send(EngineRequests.start(id))
                try await pump.drain(response)
            }
            // The attach stream ended because the process did: "not-running" is already true or about to be.
            let waited = try await host.decode(WaitResponse.self, EngineRequests.wait(id))
            if let message = waited.errorMessage { throw EngineAPIError(status: 200, message: message) }
            if plan.remove { _ = try await host.send(EngineRequests.remove(id, volumes: true)) }
            return waited.statusCode
        } catch {
            if plan.remove {
                await removeAfterFailure(id, on: host)
            }
            throw error
        }
    }

    /// Removes a container whose run failed or was cancelled, outside the cancelled task (a
    /// cancelled task's requests are cut off at once).
    static func removeAfterFailure(_ id: String, on host: HostSession) async {
        await Task.detached {
            _ = try? await host.send(EngineRequests.remove(id, force: true, volumes: true))
        }.value
    }
}
