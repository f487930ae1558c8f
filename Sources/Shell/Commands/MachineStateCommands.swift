import FanOut
import Machines

/// docker-machine's one-line answers about a machine: `ip`, `url`, `status` and `active`
/// (machine:commands/ip.go, url.go, status.go, active.go); the state is the engine's, asked as
/// `machine ls` asks it.
enum MachineStateCommands {
    static let ip = MachineCommands.subcommand(
        "ip", summary: "Print the machine's IP address (Driver.IPAddress)", arguments: [MachineCommands.name]
    ) { invocation, storage in
        let name = MachineCommands.machineName(invocation)
        guard let login = try MachineCommands.perform(invocation, machine: name, { () throws(MachineError) in try storage.sshLogin(name) })
        else { return }
        invocation.console.out(login.ipAddress + "\n")
    }

    static let url = MachineCommands.subcommand(
        "url", summary: "Print the URL of the machine's engine", arguments: [MachineCommands.name]
    ) { invocation, storage in
        let name = MachineCommands.machineName(invocation)
        guard let record = try MachineCommands.perform(invocation, machine: name, { () throws(MachineError) in try storage.machine(name) })
        else { return }
        guard let url = record.url else {
            invocation.presenter.failure(HostFailure(host: name, kind: .failed, message: record.problem ?? "no URL in \(record.paths.config)"))
            return
        }
        invocation.console.out(url + "\n")
    }

    static let status = MachineCommands.subcommand(
        "status", summary: "Print the machine's state: Running, Stopped, Timeout or Error", arguments: [MachineCommands.name]
    ) { invocation, storage in
        let name = MachineCommands.machineName(invocation)
        guard let record = try MachineCommands.perform(invocation, machine: name, { () throws(MachineError) in try storage.machine(name) })
        else { return }
        let row = await query([record], invocation)[0]
        invocation.console.out(row[MachineListCommand.headers.firstIndex(of: "STATE")!] + "\n")
    }

    static let active = MachineCommands.subcommand(
        "active", summary: "Print the machine that DOCKER_HOST points at, if it is running"
    ) { invocation, storage in
        let records = storage.names().compactMap { name in try? storage.machine(name) }
        let rows = await query(records, invocation)
        let column = { (header: String) in MachineListCommand.headers.firstIndex(of: header)! }
        if let active = rows.first(where: { $0[column("ACTIVE")] == "*" }) {
            invocation.console.out(active[column("NAME")] + "\n")
        } else if rows.contains(where: { $0[column("STATE")] == "Timeout" }) {
            invocation.presenter.failure(HostFailure(host: "machine", kind: .timeout, message: "Error getting active host: timeout"))
        } else {
            invocation.presenter.failure(HostFailure(host: "machine", kind: .failed, message: "No active host found"))
        }
    }

    private static func query(_ records: [MachineRecord], _ invocation: Invocation) async -> [[String]] {
        await MachineListCommand.query(
            records.map { .success($0) }, timeout: invocation.settings.timeout, fanout: invocation.settings.fanout,
            dockerHost: invocation.shell.environment["DOCKER_HOST"])
    }
}
