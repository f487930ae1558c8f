import FanOut
import Foundation
import Machines

/// `machine SUBCOMMAND …`: docker-machine's jobs that still matter, without docker-machine —
/// make the certificates that protect an engine, say how to configure it, and list, inspect and
/// remove machines in the same store (`MACHINE_STORAGE_PATH` or `~/.docker/machine`).
enum MachineCommands {
    static let all: [CommandSpec] = [spec]

    static let spec = CommandSpec.group(
        "machine", summary: "Create and manage TLS-protected engines as docker-machine did (create, ls, rm, config, ssh, scp…)",
        scope: .shell, [
            MachineCreateCommand.create, MachineCreateCommand.regenerateCertificates, MachineCreateCommand.remove,
            MachineListCommand.list, MachineConfigCommand.config, MachineConfigCommand.inspect,
            MachineStateCommands.ip, MachineStateCommands.url, MachineStateCommands.status, MachineStateCommands.active,
            MachineSSHCommands.ssh, MachineSSHCommands.scp, MachineProvisionCommand.provision,
        ])

    /// The NAME argument most subcommands take.
    static let name = ArgumentSpec("NAME", completion: .machine)

    /// One subcommand: a node of its own (its flags only), run against the machine store.
    static func subcommand(
        _ name: String,
        aliases: [String] = [],
        summary: String,
        flags: [FlagSpec] = [],
        arguments: [ArgumentSpec] = [],
        flagsEndAtFirstArgument: Bool = false,
        run: @escaping @Sendable (Invocation, MachineStorage) async throws -> Void
    ) -> CommandSpec {
        CommandSpec(
            name: name, aliases: aliases, summary: summary, scope: .shell, flags: flags, arguments: arguments,
            shape: .table, flagsEndAtFirstArgument: flagsEndAtFirstArgument
        ) { invocation in
            let environment = invocation.shell.environment
            try await run(invocation, MachineStorage(environment: environment, home: environment["HOME"] ?? NSHomeDirectory()))
        }
    }

    /// The NAME argument (the parser has checked it is there, and alone).
    static func machineName(_ invocation: Invocation) -> String {
        invocation.arguments.positional[0]
    }

    /// Runs a store operation: bad input is a usage error, anything else a failure of that machine.
    static func perform<Value>(
        _ invocation: Invocation, machine: String, _ body: () throws(MachineError) -> Value
    ) throws(ShellUsageError) -> Value? {
        do throws(MachineError) {
            return try body()
        } catch where error.kind == .usage {
            throw ShellUsageError(error.description)
        } catch {
            invocation.presenter.failure(HostFailure(host: machine, kind: .failed, message: error.description))
            return nil
        }
    }
}
