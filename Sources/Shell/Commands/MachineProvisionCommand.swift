import Endpoints
import FanOut
import Foundation
import Machines
import NIOPosix

/// `machine create --driver generic`, `machine provision` and the generic side of
/// `regenerate-certs`: turn a plain Docker host into a TLS machine over SSH, as docker-machine's
/// generic driver did (docker/machine drivers/generic/generic.go, commands/create.go, commands/provision.go,
/// commands/regeneratecerts.go). One line per step; several machines (`@web* machine provision`,
/// `machine provision m1 m2`) are provisioned at once, one line each, live on a terminal.
enum MachineProvisionCommand {
    /// `--install`: both `create --driver generic` and `provision` take it.
    static let install = FlagSpec("install", help: "Install the distribution's Docker when the host has none")

    /// The flags `create` takes for `--driver generic`: docker-machine's names
    /// (docker/machine drivers/generic/generic.go `GetCreateFlags`, commands/create.go `sharedCreateFlags`).
    static let createFlags: [FlagSpec] = [
        FlagSpec("driver", short: "d", value: "generic", help: "Provision an existing host over SSH (generic); without it, --url makes certificates only",
                 completion: .values(["generic"])),
        FlagSpec("generic-ip-address", value: "IP", help: "With --driver generic: the host's address"),
        FlagSpec("generic-ssh-user", value: "user", help: "With --driver generic: SSH user (default root; others use sudo)"),
        FlagSpec("generic-ssh-port", value: "port", help: "With --driver generic: SSH port (default 22)"),
        FlagSpec("generic-ssh-key", value: "file", help: "With --driver generic: SSH private key (default: ssh-agent and the ssh config)",
                 completion: .file),
        FlagSpec("generic-engine-port", value: "port", help: "With --driver generic: the engine's TLS port (default 2376)"),
        FlagSpec("engine-label", value: "K=V", repeatable: true, help: "With --driver generic: an engine label (repeatable)"),
        FlagSpec("engine-opt", value: "K=V", repeatable: true, help: "With --driver generic: a dockerd flag without -- (repeatable)"),
        FlagSpec("engine-insecure-registry", value: "registry", repeatable: true, help: "With --driver generic: an insecure registry (repeatable)"),
        FlagSpec("engine-registry-mirror", value: "URL", repeatable: true, help: "With --driver generic: a registry mirror (repeatable)"),
        FlagSpec("engine-storage-driver", value: "driver", help: "With --driver generic: storage driver (default: what the engine uses now)"),
        install,
    ]

    /// True for a flag that only `--driver generic` gives meaning to.
    static func isCreateFlag(_ name: String) -> Bool { createFlags.contains { $0.long == name } }

    static let provision = MachineCommands.subcommand(
        "provision", summary: "Provision generic machines again over SSH: certificates, drop-in, restart, check (no NAME: the @TARGETS)",
        flags: [install],
        arguments: [ArgumentSpec("NAME", completion: .machine, repeats: true, optional: true)]
    ) { invocation, storage in
        var names = invocation.arguments.positional
        if names.isEmpty { names = invocation.targets.map(\.name) }
        guard !names.isEmpty else { throw ShellUsageError("machine provision needs a machine name (or @TARGETS machine provision)") }
        var requests: [Provisioner.Request] = []
        for name in names {
            guard let (driver, options, sans) = try MachineCommands.perform(invocation, machine: name, {
                () throws(MachineError) in try storage.genericMachine(name)
            }) else { continue }
            requests.append(Provisioner.Request(name: name, driver: driver, options: options, sans: sans,
                                                install: invocation.arguments.isOn("install"), replacing: true))
        }
        await run(requests, storage: storage, invocation: invocation)
    }

    /// `machine create --driver generic … NAME`.
    static func create(_ invocation: Invocation, storage: MachineStorage, name: String) async throws {
        let arguments = invocation.arguments
        guard arguments.value("driver") == "generic" else {
            throw ShellUsageError("machine create: unknown driver \"\(arguments.value("driver") ?? "")\"; dmux provisions existing hosts with --driver generic (or give --url for certificates only)")
        }
        guard arguments.value("url") == nil else {
            throw ShellUsageError("machine create --driver generic takes no --url: the URL is tcp://--generic-ip-address:--generic-engine-port")
        }
        guard let ip = arguments.value("generic-ip-address") else {
            throw ShellUsageError("machine create --driver generic needs --generic-ip-address IP (the host to provision)")
        }
        let port = { (flag: String, fallback: Int) throws(ShellUsageError) -> Int in
            guard let text = arguments.value(flag) else { return fallback }
            guard let value = Int(text) else { throw ShellUsageError("invalid --\(flag) \"\(text)\": a TCP port is 1-65535") }
            return value
        }
        let driver = GenericDriver(
            ipAddress: ip, sshUser: arguments.value("generic-ssh-user") ?? GenericDriver.defaultSSHUser,
            sshPort: try port("generic-ssh-port", GenericDriver.defaultSSHPort), sshKey: arguments.value("generic-ssh-key") ?? "",
            enginePort: try port("generic-engine-port", GenericDriver.defaultEnginePort))
        let options = EngineOptions(
            labels: arguments.all("engine-label"), insecureRegistries: arguments.all("engine-insecure-registry"),
            registryMirrors: arguments.all("engine-registry-mirror"), arbitraryFlags: arguments.all("engine-opt"),
            storageDriver: arguments.value("engine-storage-driver") ?? "")
        // Bad input is refused before anything is sent to the host.
        guard try MachineCommands.perform(invocation, machine: name, { () throws(MachineError) -> Bool in
            try MachineName.validate(name)
            try driver.validate()
            try options.validate()
            if storage.names().contains(name) {
                throw MachineError(.exists, "machine \"\(name)\" already exists in \(storage.layout.machines); 'machine provision \(name)' provisions it again")
            }
            return true
        }) != nil else { return }
        await run([Provisioner.Request(name: name, driver: driver, options: options, sans: arguments.all("san"),
                                       install: arguments.isOn("install"))],
                  storage: storage, invocation: invocation)
    }

    /// `regenerate-certs NAME` of a generic machine: a new server certificate (`--client`: and a
    /// new client certificate) pushed to the host and docker restarted, as docker-machine's
    /// `regenerate-certs` does through `ConfigureAuth`.
    static func regenerate(_ invocation: Invocation, storage: MachineStorage, name: String, client: Bool) async {
        guard let (driver, options, sans) = try? storage.genericMachine(name) else { return }
        invocation.console.out("Regenerating TLS certificates\n")
        await run([Provisioner.Request(name: name, driver: driver, options: options, sans: sans, replacing: true, renewClient: client)],
                  storage: storage, invocation: invocation)
    }

    /// Provisions every request at once (the shell's fan-out bound), each reporting its steps.
    static func run(_ requests: [Provisioner.Request], storage: MachineStorage, invocation: Invocation) async {
        guard !requests.isEmpty else { return }
        let console = invocation.console
        let names = requests.map(\.name)
        let several = requests.count > 1
        let presenter = Presenter(shape: .lines, console: console, hosts: names)
        let board = several && console.isTerminal ? ProgressBoard(presenter: presenter, console: console, hosts: names) : nil
        board?.start()
        let failures = FailureQueue()
        let environment = invocation.shell.environment
        let seconds = max(1, Int(invocation.settings.timeout.components.seconds))
        let say: @Sendable (String, String) -> Void = { name, text in
            if let board { board.update(name, text) } else if several { presenter.line(host: name, text: text) } else { console.out(text + "\n") }
        }
        let outcomes = await concurrently(requests, limit: invocation.settings.fanout) { request throws(HostFailure) in
            let key = request.driver.sshKeyPath.isEmpty ? request.driver.sshKey : request.driver.sshKeyPath
            let provisioner = Provisioner(
                storage: storage, request: request,
                remote: SSHProvisionRemote(driver: request.driver, key: key, environment: environment, connectTimeout: seconds),
                ping: { endpoint in await ping(endpoint, timeout: invocation.settings.timeout) },
                announce: { step in say(request.name, step.announcement) })
            do throws(MachineError) {
                return try await provisioner.run()
            } catch {
                let failure = HostFailure(host: request.name, kind: .failed, message: error.description)
                if board != nil {
                    board?.update(request.name, "error: \(error.description)")
                    failures.add(failure)
                    return nil
                }
                throw failure
            }
        }
        for (request, outcome) in zip(requests, outcomes) {
            switch outcome {
            case .success(let done?):
                for file in done.madeInStore where !several {
                    console.out((file.hasSuffix("/ca.pem") ? "Creating CA: " : "Creating client certificate: ") + file + "\n")
                }
                let facts = "\(done.inspection.system), \(done.dropIn.dockerd), storage driver \(done.dropIn.storageDriver)"
                say(request.name, "Docker is up and running! (\(request.driver.url); \(facts))")
                if !several {
                    console.out("To see how to connect your Docker Client to the Docker Engine running on this machine, run: dmux env \(request.name)\n")
                }
                register(request.name, storage: storage, shell: invocation.shell)
            case .success(nil):
                break
            case .failure(let failure):
                invocation.presenter.failure(failure)
            }
        }
        for failure in failures.all { invocation.presenter.failure(failure) }
    }

    /// `operation` on every request, at most `limit` at a time; the results in the requests' order.
    private static func concurrently(
        _ requests: [Provisioner.Request], limit: Int,
        _ operation: @escaping @Sendable (Provisioner.Request) async throws(HostFailure) -> Provisioner.Outcome?
    ) async -> [Result<Provisioner.Outcome?, HostFailure>] {
        await withTaskGroup(of: (Int, Result<Provisioner.Outcome?, HostFailure>).self) { group in
            var results = [Result<Provisioner.Outcome?, HostFailure>](repeating: .success(nil), count: requests.count)
            var next = 0
            func startNext() {
                let index = next
                next += 1
                group.addTask {
                    do throws(HostFailure) { return (index, .success(try await operation(requests[index]))) } catch { return (index, .failure(error)) }
                }
            }
            while next < min(max(1, limit), requests.count) { startNext() }
            for await (index, result) in group {
                results[index] = result
                if next < requests.count { startNext() }
            }
            return results
        }
    }

    /// nil once the engine answered `/_ping` over TLS with these certificates, else why not.
    private static func ping(_ endpoint: Endpoint, timeout: Duration) async -> String? {
        let session = HostSession(endpoint: endpoint, group: MultiThreadedEventLoopGroup.singleton, connectTimeout: min(timeout, .seconds(5)))
        let status = await session.ping()
        await session.shutdown()
        return status.downReason
    }

    /// The machine answers at once as `@NAME` when the shell reads this store.
    private static func register(_ name: String, storage: MachineStorage, shell: Shell) {
        guard shell.registry.session(named: name) == nil,
              let endpoint = MachineStore.machine(named: name, root: storage.layout.root).endpoint
        else { return }
        _ = try? shell.registry.add(endpoint, connectTimeout: shell.settings.timeout)
    }
}
