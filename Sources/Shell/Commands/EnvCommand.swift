import Endpoints

/// `env NAME`: the lines that point a shell at one engine, exactly as `docker-machine env` prints
/// them (so `eval $(dmux env web1)` and scripts written for docker-machine keep working), for any
/// engine in the registry. Errors carry docker-machine's words and exit status 1.
enum EnvCommand {
    static let shells = ["bash", "sh", "zsh", "fish", "powershell", "cmd", "tcsh", "emacs"]

    static let spec = CommandSpec(
        name: "env", summary: "Print the shell lines that point docker at one engine (docker-machine env)",
        scope: .shell,
        flags: [
            FlagSpec("shell", value: "string", help: "Force the shell (default: the basename of $SHELL)", completion: .values(shells)),
            FlagSpec("unset", short: "u", help: "Unset the variables instead of setting them"),
            FlagSpec("no-proxy", help: "Add the engine's IP to NO_PROXY (or no_proxy when that is set)"),
        ],
        // docker-machine counts the names itself ("Expected one machine name as an argument", status 1).
        arguments: [ArgumentSpec("NAME", completion: .host, repeats: true, optional: true)]
    ) { invocation in
        invocation.console.out(try render(invocation))
    }

    /// The text to print; errors are docker-machine's (`Error: Unknown shell`).
    static func render(_ invocation: Invocation) throws -> String {
        let arguments = invocation.arguments
        let environment = invocation.shell.environment
        let names = arguments.positional
        let mode: MachineEnvFormat.Mode = arguments.isOn("unset") ? .unset : .set
        let noProxy = arguments.isOn("no-proxy")
        // docker-machine echoes its own argv; dmux echoes the command that reproduces this output.
        var argv = ["dmux", "env"]
        if let shell = arguments.value("shell") { argv += ["--shell", shell] }
        if mode == .unset { argv.append("-u") }
        if noProxy { argv.append("--no-proxy") }
        argv += names

        var variables: [(name: String, value: String)]
        var unsetFirst: [String] = []
        var proxyIP = ""
        var endpoint: Endpoint?
        switch mode {
        case .unset:
            guard names.isEmpty else { throw MachineEnvError("Expected no machine name when the -u flag is present") }
            variables = MachineEnvFormat.machineVariables.map { ($0, "") }
        case .set:
            guard names.count <= 1 else { throw MachineEnvError("Expected one machine name as an argument") }
            let name = names.first ?? "default"
            guard let session = invocation.shell.registry.session(named: name) else {
                if names.isEmpty { throw MachineEnvError("No machine name(s) specified and no \"default\" machine exists") }
                throw MachineEnvError("Host does not exist: \"\(name)\"")
            }
            endpoint = session.endpoint
            do {
                variables = try DockerEnvironment.variables(for: session.endpoint, environment: environment)
            } catch {
                throw MachineEnvError(error.description)
            }
            if case .tcp(let host, _, _) = session.endpoint.address { proxyIP = host }
            // An ssh engine never uses TLS, but a docker CLI with TLS variables left over from a
            // TLS machine would load their files all the same (docker-reference §2.3): clear them.
            if case .ssh(let destination) = session.endpoint.address {
                unsetFirst = ["DOCKER_TLS_VERIFY", "DOCKER_TLS", "DOCKER_CERT_PATH"]
                proxyIP = destination.host
            }
        }
        let shell: String
        if let given = arguments.value("shell"), !given.isEmpty {
            shell = given
        } else if let detected = MachineEnvFormat.detectShell(environment: environment) {
            shell = detected
        } else {
            invocation.console.out(MachineEnvFormat.unknownShellNotice)
            throw MachineEnvError("Unknown shell")
        }
        if noProxy {
            variables.append(MachineEnvFormat.noProxy(environment: environment, ip: proxyIP, mode: mode))
        }
        do throws(EnvValueQuoting.Refusal) {
            return try MachineEnvFormat(shell: shell, mode: .unset).lines(unsetFirst.map { ($0, "") })
                + MachineEnvFormat(shell: shell, mode: mode).render(variables, argv: argv)
        } catch {
            let source = endpoint.map { " of \($0.name)" + ($0.origin.map { " (from \($0))" } ?? "") } ?? ""
            throw MachineEnvError("\(error.variable)\(source) cannot be written safely for \(shell): \(error.reason)")
        }
    }
}

/// An `env` failure, worded as docker-machine words it.
struct MachineEnvError: Error, Sendable, CustomStringConvertible {
    let message: String
    init(_ message: String) { self.message = message }
    var description: String { "Error: \(message)" }
}
