import FanOut
import Foundation
import Machines
import Transport

/// docker-machine's verbs that log in to a machine (`ssh`, `scp`), with the machine's own SSH
/// fields (machine:commands/ssh.go, commands/scp.go): the system OpenSSH client, host-key
/// checking on, `DMUX_SSH_CONFIG` / `DMUX_SSH_OPTS` as for `ssh://` engines.
enum MachineSSHCommands {
    static let ssh = MachineCommands.subcommand(
        "ssh", summary: "Log in to a machine, or run a command there, with its SSH user, port and key",
        arguments: [MachineCommands.name, ArgumentSpec("COMMAND", repeats: true, optional: true)],
        // `machine ssh NAME ls -la`: the command's flags are the command's.
        flagsEndAtFirstArgument: true
    ) { invocation, storage in
        let words = invocation.arguments.positional
        let name = words[0]
        let command = Array(words.dropFirst())
        guard let login = try MachineCommands.perform(invocation, machine: name, { () throws(MachineError) in try storage.sshLogin(name) })
        else { return }
        let settings = SSHSettings(environment: invocation.shell.environment)
        let interactive = command.isEmpty
        if interactive && isatty(0) != 1 {
            throw ShellUsageError("machine ssh \(name) without a command needs a terminal; give the command to run")
        }
        let argv = login.sshArguments(config: settings.configFile, extraOptions: settings.extraOptions, batch: !interactive, command: command)
        let termination = interactive
            ? try await ChildProcess.runOnTerminal(argv, environment: invocation.shell.environment)
            : try await ChildProcess.run(argv, environment: invocation.shell.environment) { text, stderr in
                if stderr { invocation.console.err(text + "\n") } else { invocation.console.out(text + "\n") }
            }
        report(termination, machine: name, invocation)
    }

    static let scp = MachineCommands.subcommand(
        "scp", summary: "Copy files to, from or between machines (NAME:PATH), with their SSH user, port and key",
        flags: [FlagSpec("recursive", short: "r", help: "Copy folders")],
        arguments: [ArgumentSpec("[[USER@]NAME:]SRC", completion: .file), ArgumentSpec("[[USER@]NAME:]DST", completion: .file)]
    ) { invocation, storage in
        let words = invocation.arguments.positional
        let settings = SSHSettings(environment: invocation.shell.environment)
        let source = MachineSCP.side(words[0])
        let destination = MachineSCP.side(words[1])
        let machine = source.machine ?? destination.machine ?? "scp"
        guard let argv = try MachineCommands.perform(invocation, machine: machine, { () throws(MachineError) in
            try MachineSCP.arguments(
                source: source, destination: destination, recursive: invocation.arguments.isOn("recursive"),
                config: settings.configFile, extraOptions: settings.extraOptions, login: storage.sshLogin)
        }) else { return }
        let termination = try await ChildProcess.run(argv, environment: invocation.shell.environment) { text, stderr in
            if stderr { invocation.console.err(text + "\n") } else { invocation.console.out(text + "\n") }
        }
        report(termination, machine: machine, invocation)
    }

    /// ssh's status 255 is its own failure (its reason is on stderr already); anything else is
    /// the remote command's exit code.
    static func report(_ termination: ChildProcess.Termination, machine: String, _ invocation: Invocation) {
        switch termination {
        case .exited(0):
            break
        case .exited(255):
            invocation.presenter.failure(HostFailure(host: machine, kind: .unreachable, message: "ssh failed (status 255)"))
        case .exited(let code):
            invocation.presenter.failure(HostFailure(host: machine, kind: .failed, message: "exit code \(code)"))
        case .signalled(let signal):
            invocation.presenter.failure(HostFailure(host: machine, kind: .failed, message: "killed by signal \(signal)"))
        }
    }
}
