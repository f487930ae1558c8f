import FanOut
import Foundation
import Machines

/// `machine SUBCOMMAND …`: docker-machine's jobs that still matter, without docker-machine —
/// make the certificates that protect an engine, say how to configure it, and list, inspect and
/// remove machines in the same store (`MACHINE_STORAGE_PATH` or `~/.docker/machine`).
enum MachineCommands {
    static let all: [CommandSpec] = [spec]

    /// One subcommand: its usage line, the flags it accepts, and what it does.
    struct Subcommand: Sendable {
        var name: String
        var usage: String
        var summary: String
        var flags: Set<String> = []
        var run: @Sendable (Invocation, MachineStorage) async throws -> Void
    }

    static let subcommands: [Subcommand] = [
        MachineCreateCommand.create, MachineCreateCommand.regenerateCertificates, MachineCreateCommand.remove,
        MachineListCommand.list, MachineConfigCommand.config, MachineConfigCommand.inspect,
        MachineStateCommands.ip, MachineStateCommands.url, MachineStateCommands.status, MachineStateCommands.active,
        MachineSSHCommands.ssh, MachineSSHCommands.scp, MachineProvisionCommand.provision,
    ]

    static let spec = CommandSpec(
        name: "machine",
        summary: "Create and manage TLS-protected engines as docker-machine did (create, ls, rm, config, inspect, regenerate-certs, ssh, scp…)",
        usage: subcommands.map { "machine " + $0.usage }.joined(separator: "\n       "),
        scope: .shell,
        flags: [
            FlagSpec("url", value: "tcp://ADDR:PORT", help: "create: where the engine will listen"),
            FlagSpec("san", value: "name|ip", repeatable: true, help: "create: an extra host name or IP for the server certificate (repeatable)"),
            FlagSpec("force", short: "f", help: "create: replace an existing machine; rm: no error when it does not exist"),
            FlagSpec("client", help: "regenerate-certs: also renew the client certificate"),
            FlagSpec("timeout", short: "t", value: "seconds", help: "ls: how long to wait for each engine (default: the shell's timeout)"),
            FlagSpec("recursive", short: "r", help: "scp: copy folders"),
        ] + MachineProvisionCommand.flagSpecs,
        arguments: [
            ArgumentSpec("SUBCOMMAND", completion: .values(subcommands.map(\.name) + ["help"])),
            ArgumentSpec("NAME", completion: .machine, optional: true),
        ],
        shape: .table,
        // `machine ssh NAME ls -la`: the command's flags are the command's, not dmux's.
        flagsEndAfter: { positional in positional.first == "ssh" && positional.count >= 2 }
    ) { invocation in
        let words = invocation.arguments.positional
        guard let name = words.first, name != "help" else {
            invocation.console.out(overview)
            return
        }
        guard let subcommand = subcommands.first(where: { $0.name == name || (name == "regenerate" && $0.name == "regenerate-certs") }) else {
            let hint = Suggestion.nearest(to: name, in: subcommands.map(\.name)).map { " (did you mean '\($0)'?)" } ?? ""
            throw ShellUsageError("unknown machine subcommand '\(name)'\(hint); see 'machine help'")
        }
        for flag in invocation.arguments.values.keys where flag != "format" && !subcommand.flags.contains(flag) {
            throw ShellUsageError("machine \(subcommand.name) takes no --\(flag); usage: machine \(subcommand.usage)")
        }
        let environment = invocation.shell.environment
        let storage = MachineStorage(environment: environment, home: environment["HOME"] ?? NSHomeDirectory())
        try await subcommand.run(invocation, storage)
    }

    static var overview: String {
        let width = subcommands.map(\.name.count).max() ?? 0
        var out = "Usage: machine SUBCOMMAND [ARGS…]\n\nSubcommands:\n"
        for subcommand in subcommands {
            out += "  \(subcommand.name.padding(width))  \(subcommand.summary)\n"
        }
        out += "\n" + subcommands.map { "  machine " + $0.usage }.joined(separator: "\n") + "\n"
        return out
    }

    /// The NAME argument (the word after the subcommand), or a usage error naming the subcommand.
    static func machineName(_ invocation: Invocation, _ subcommand: String) throws(ShellUsageError) -> String {
        let words = invocation.arguments.positional
        guard words.count >= 2 else { throw ShellUsageError("machine \(subcommand) needs a machine name; see 'machine help'") }
        guard words.count == 2 else { throw ShellUsageError("machine \(subcommand) takes one machine name, got: \(words.dropFirst().joined(separator: " "))") }
        return words[1]
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
