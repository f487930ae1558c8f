import FanOut
import Machines

/// `machine config` and `machine inspect`: read a machine back, without contacting it.
enum MachineConfigCommand {
    static let config = MachineCommands.subcommand(
        "config", summary: "Print the docker CLI flags that reach the machine (docker-machine config)", arguments: [MachineCommands.name]
    ) { invocation, storage in
        let name = MachineCommands.machineName(invocation)
        guard let record = try MachineCommands.perform(invocation, machine: name, { () throws(MachineError) in try storage.machine(name) })
        else { return }
        guard let flags = record.dockerFlags else {
            invocation.presenter.failure(HostFailure(host: name, kind: .failed, message: record.problem ?? "no URL in \(record.paths.config)"))
            return
        }
        invocation.console.out(flags)
    }

    static let inspect = MachineCommands.subcommand(
        "inspect", summary: "Print the machine's config.json", arguments: [MachineCommands.name]
    ) { invocation, storage in
        let name = MachineCommands.machineName(invocation)
        guard let text = try MachineCommands.perform(invocation, machine: name, { () throws(MachineError) in try storage.configText(name) })
        else { return }
        invocation.console.out(text.hasSuffix("\n") ? text : text + "\n")
    }
}
