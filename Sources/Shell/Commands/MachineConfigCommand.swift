import FanOut
import Machines

/// `machine config` and `machine inspect`: read a machine back, without contacting it.
enum MachineConfigCommand {
    static let config = MachineCommands.Subcommand(
        name: "config", usage: "config NAME",
        summary: "Print the docker CLI flags that reach the machine (docker-machine config)"
    ) { invocation, storage in
        let name = try MachineCommands.machineName(invocation, "config")
        guard let record = try MachineCommands.perform(invocation, machine: name, { () throws(MachineError) in try storage.machine(name) })
        else { return }
        guard let flags = record.dockerFlags else {
            invocation.presenter.failure(HostFailure(host: name, kind: .failed, message: record.problem ?? "no URL in \(record.paths.config)"))
            return
        }
        invocation.console.out(flags)
    }

    static let inspect = MachineCommands.Subcommand(
        name: "inspect", usage: "inspect NAME",
        summary: "Print the machine's config.json"
    ) { invocation, storage in
        let name = try MachineCommands.machineName(invocation, "inspect")
        guard let text = try MachineCommands.perform(invocation, machine: name, { () throws(MachineError) in try storage.configText(name) })
        else { return }
        invocation.console.out(text.hasSuffix("\n") ? text : text + "\n")
    }
}
