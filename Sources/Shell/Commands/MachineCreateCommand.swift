import Endpoints
import FanOut
import Machines

/// `machine create`, `machine regenerate-certs` and `machine rm`: the subcommands that write the store.
enum MachineCreateCommand {
    static let create = MachineCommands.subcommand(
        "create",
        summary: "Make certificates and config.json for an engine and print how to configure it; --driver generic: provision the host over SSH",
        flags: [
            FlagSpec("url", value: "tcp://ADDR:PORT", help: "Where the engine will listen (required without --driver)"),
            FlagSpec("san", value: "name|ip", repeatable: true, help: "An extra host name or IP for the server certificate (repeatable)"),
            FlagSpec("force", short: "f", help: "Replace an existing machine"),
        ] + MachineProvisionCommand.createFlags,
        arguments: [MachineCommands.name]
    ) { invocation, storage in
        let name = MachineCommands.machineName(invocation)
        if invocation.arguments.value("driver") != nil {
            return try await MachineProvisionCommand.create(invocation, storage: storage, name: name)
        }
        if let flag = invocation.arguments.values.keys.sorted().first(where: MachineProvisionCommand.isCreateFlag) {
            throw ShellUsageError("machine create --\(flag) needs --driver generic")
        }
        guard let url = invocation.arguments.value("url") else {
            throw ShellUsageError("machine create needs --url tcp://ADDR:PORT (where the engine will listen), or --driver generic to provision a host over SSH")
        }
        let arguments = invocation.arguments
        guard let made = try MachineCommands.perform(invocation, machine: name, {
            () throws(MachineError) in
            try storage.create(name: name, url: url, sans: arguments.all("san"), force: arguments.isOn("force"))
        }) else { return }
        let console = invocation.console
        for file in made.madeInStore {
            console.out((file.hasSuffix("/ca.pem") ? "Creating CA: " : "Creating client certificate: ") + file + "\n")
        }
        console.out(made.setup.instructions(machine: name, url: made.url, paths: made.paths))
        register(name, storage: storage, shell: invocation.shell)
    }

    static let regenerateCertificates = MachineCommands.subcommand(
        "regenerate-certs", aliases: ["regenerate"],
        summary: "Make a new server certificate (--client: and a new client certificate); copy it to the engine again",
        flags: [FlagSpec("client", help: "Also renew the client certificate")],
        arguments: [MachineCommands.name]
    ) { invocation, storage in
        let name = MachineCommands.machineName(invocation)
        let client = invocation.arguments.isOn("client")
        if storage.isGeneric(name) {
            return await MachineProvisionCommand.regenerate(invocation, storage: storage, name: name, client: client)
        }
        guard let files = try MachineCommands.perform(invocation, machine: name, {
            () throws(MachineError) in try storage.regenerateCertificates(name: name, client: client)
        }) else { return }
        for file in files { invocation.console.out("Regenerated \(file)\n") }
        invocation.console.out("Copy \(storage.layout.machine(name).serverCertificate) and server-key.pem to the engine's /etc/docker/ and restart it.\n")
    }

    static let remove = MachineCommands.subcommand(
        "rm", summary: "Remove a machine's folder from the store (-f: no error when it does not exist)",
        flags: [FlagSpec("force", short: "f", help: "No error when the machine does not exist")],
        arguments: [MachineCommands.name]
    ) { invocation, storage in
        let name = MachineCommands.machineName(invocation)
        let force = invocation.arguments.isOn("force")
        let host = (try? storage.genericMachine(name))?.driver.ipAddress
        guard try MachineCommands.perform(invocation, machine: name, {
            () throws(MachineError) in try storage.remove(name: name, force: force)
        }) != nil else { return }
        let registry = invocation.shell.registry
        if let session = registry.session(named: name), session.endpoint.source == .machine(store: storage.layout.root) {
            _ = registry.remove(named: name)
            await session.shutdown()
        }
        invocation.console.out("Successfully removed \(name)\n")
        if let host {
            // docker-machine's generic driver removes nothing on the host either (drivers/generic/generic.go `Remove`).
            invocation.console.out("Removed the local record only: the engine on \(host) keeps running with its TLS configuration.\n")
        }
    }

    /// Makes a new machine addressable at once (`@NAME …`) when the shell reads this store and
    /// has no host of that name yet.
    private static func register(_ name: String, storage: MachineStorage, shell: Shell) {
        guard shell.registry.session(named: name) == nil,
              let endpoint = MachineStore.machine(named: name, root: storage.layout.root).endpoint
        else { return }
        _ = try? shell.registry.add(endpoint, connectTimeout: shell.settings.timeout)
    }
}
