import FanOut
import Transport

/// `!PROGRAM ARGS…`: runs a local program once per targeted host, concurrently (bounded by
/// fanout), with that host's DOCKER_HOST, DOCKER_TLS_VERIFY, DOCKER_CERT_PATH and
/// DOCKER_MACHINE_NAME, so `!docker compose ps` works everywhere. Output in lines, exit codes collected.
enum PassthroughCommand {
    static let spec = CommandSpec(
        name: "!", summary: "Run a local program once per host with that host's DOCKER_* environment (!docker compose ps)",
        scope: .engines,
        arguments: [ArgumentSpec("PROGRAM", completion: .file), ArgumentSpec("ARG", repeats: true, optional: true)],
        shape: .lines, flagsEndAtFirstArgument: true
    ) { invocation in
        let argv = invocation.arguments.positional
        let environment = invocation.shell.environment
        let base = environment.filter { !DockerEnvironment.replaced.contains($0.key) }
        let presenter = invocation.presenter
        await invocation.eachHost(timeout: .some(nil)) { host in
            var child = base
            do {
                for (name, value) in try DockerEnvironment.variables(for: host.endpoint, environment: environment) { child[name] = value }
            } catch {
                throw HostFailure(host: host.name, kind: .failed, message: ErrorWords.describe(error))
            }
            if let version = host.endpoint.apiVersion { child["DOCKER_API_VERSION"] = version }
            let name = host.name
            return try await ChildProcess.run(argv, environment: child) { text, stderr in
                presenter.line(host: name, text: text, stderr: stderr)
            }
        } onSuccess: { host, termination in
            switch termination {
            case .exited(let code):
                ExitCodeReport.report(host: host.name, code: Int(code), presenter: presenter)
            case .signalled(let signal):
                presenter.record(host: host.name, json: .object([("signal", .int(Int(signal)))]))
                presenter.failure(HostFailure(host: host.name, kind: .failed, message: "killed by signal \(signal)"))
            }
        }
    }
}
