import Endpoints
import FanOut
import Machines

/// `machine create`, `machine regenerate-certs` and `machine rm`: the subcommands that write the store.
enum MachineCreateCommand {
    static let create = MachineCommands.Subcommand(
        name: "create", usage: "create NAME --url tcp://ADDR:PORT [--san NAME|IP]… [--force]",
        summary: "Make certificates and config.json for an engine, and print how to configure it",
        flags: ["url", "san", "force"]
    ) { invocation, storage in
        let name = try MachineCommands.machineName(invocation, "create")
        guard let url = invocation.arguments.value("url") else {
            throw ShellUsageError("machine create needs --url tcp://ADDR:PORT (where the engine will listen)")
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

    static let regenerateCertificates = MachineCommands.Subcommand(
        name: "regenerate-certs", usage: "regenerate-certs NAME [--client]",
        summary: "Make a new server certificate (--client: and a new client certificate); copy it to the engine again",
        flags: ["client"]
    ) { invocation, storage in
        let name = try MachineCommands.machineName(invocation, "regenerate-certs")
        let client = invocation.arguments.isOn("client")
        guard let files = try MachineCommands.perform(invocation, machine: name, {
            () throws(MachineError) in try storage.regenerateCertificates(name: name, client: client)
        }) else { return }
        for file in files { invocation.console.out("Regenerated \(file)\n") }
        invocation.console.out("Copy \(storage.layout.machine(name).serverCertificate) and server-key.pem to the engine's /etc/docker/ and restart it.\n")
    }

    static let remove = MachineCommands.Subcommand(
        name: "rm", usage: "rm NAME [-f]",
        summary: "Remove a machine's folder from the store (-f: no error when it does not exist)",
        flags: ["force"]
    ) { invocation, storage in
        let name = try MachineCommands.machineName(invocation, "rm")
        let force = invocation.arguments.isOn("force")
        guard try MachineCommands.perform(invocation, machine: name, {
            () throws(MachineError) in try storage.remove(name: name, force: force)
        }) != nil else { return }
        let registry = invocation.shell.registry
        if let session = registry.session(named: name), session.endpoint.source == .machine(store: storage.layout.root) {
            _ = registry.remove(named: name)
            await session.shutdown()
        }
        invocation.console.out("Successfully removed \(name)\n")
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
