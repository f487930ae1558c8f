import Endpoints
import FanOut

/// The shell's own commands: they manage hosts, targets, groups and settings.
enum ShellCommands {
    static let all: [CommandSpec] = [
        HostsCommand.spec, use, group, set, connect, disconnect, reconnect, WaitCommand.spec, HelpCommand.spec, exit,
    ]

    static let use = CommandSpec(
        name: "use", summary: "Make a target set sticky (use all, use web*, use -)",
        scope: .shell,
        arguments: [ArgumentSpec("TARGETS", completion: .target, optional: true)]
    ) { invocation in
        let shell = invocation.shell
        guard let expression = invocation.arguments.positional.first else {
            shell.console.out("\(shell.stickyTarget ?? "(hosts that are up)")\n")
            return
        }
        if expression == "-" {
            shell.setStickyTarget(nil)
            return
        }
        let cleaned = expression.hasPrefix("@") ? String(expression.dropFirst()) : expression
        _ = try shell.registry.resolve(cleaned)
        shell.setStickyTarget(cleaned)
    }

    static let group = CommandSpec(
        name: "group", summary: "Name a group of hosts (members may be globs or groups); no members: list groups",
        scope: .shell,
        flags: [FlagSpec("delete", short: "d", help: "Remove the group")],
        arguments: [ArgumentSpec("NAME", completion: .group, optional: true), ArgumentSpec("MEMBERS", completion: .target, repeats: true, optional: true)]
    ) { invocation in
        let registry = invocation.shell.registry
        let words = invocation.arguments.positional
        if invocation.arguments.isOn("delete") {
            guard let name = words.first else { throw ShellUsageError("group -d needs a group name") }
            guard registry.removeGroup(name) else { throw ShellUsageError("unknown group '\(name)'") }
            return
        }
        guard let name = words.first else {
            for name in registry.groupNames {
                invocation.console.out("\(name): \(registry.groups[name, default: []].joined(separator: " "))\n")
            }
            return
        }
        guard name.first.map({ $0.isLetter || $0.isNumber }) == true, name.allSatisfy({ $0.isLetter || $0.isNumber || "._-".contains($0) }) else {
            throw ShellUsageError("invalid group name '\(name)': use letters, digits, '.', '_' and '-'")
        }
        let members = words.dropFirst().flatMap { $0.split(separator: ",").map(String.init) }
        guard !members.isEmpty else {
            let resolved = try registry.resolve(name).map(\.name)
            invocation.console.out("\(name): \(resolved.joined(separator: " "))\n")
            return
        }
        try registry.defineGroup(name, members: members)
    }

    static let set = CommandSpec(
        name: "set", summary: "Show or change a setting (format, fanout, timeout, color)",
        scope: .shell,
        arguments: [ArgumentSpec("NAME", completion: .values(ShellSettings.names), optional: true), ArgumentSpec("VALUE", optional: true)]
    ) { invocation in
        let shell = invocation.shell
        let words = invocation.arguments.positional
        switch words.count {
        case 0:
            for name in ShellSettings.names { shell.console.out("\(name) \(shell.settings.value(of: name))\n") }
        case 1:
            guard ShellSettings.names.contains(words[0]) else {
                try shell.updateSettings { (settings: inout ShellSettings) throws(ShellUsageError) in try settings.set(words[0], to: "") }
                return
            }
            shell.console.out("\(words[0]) \(shell.settings.value(of: words[0]))\n")
        default:
            try shell.updateSettings { (settings: inout ShellSettings) throws(ShellUsageError) in try settings.set(words[0], to: words[1]) }
        }
    }

    static let connect = CommandSpec(
        name: "connect", summary: "Add an engine by URL (unix://, tcp://, fd://) and connect to it",
        scope: .shell,
        flags: [
            FlagSpec("tlsverify", help: "Use TLS and verify the engine (certificates from --cert-path)"),
            FlagSpec("tls", help: "Use TLS without verifying the engine"),
            FlagSpec("cert-path", value: "dir", help: "Folder holding ca.pem, cert.pem and key.pem", completion: .directory),
        ],
        arguments: [ArgumentSpec("NAME"), ArgumentSpec("URL")]
    ) { invocation in
        let words = invocation.arguments.positional
        let shell = invocation.shell
        let arguments = invocation.arguments
        let endpoint: Endpoint
        let diagnostics: [Diagnostic]
        do {
            (endpoint, diagnostics) = try ConnectSpec.endpoint(
                name: words[0], url: words[1], tlsVerify: arguments.isOn("tlsverify"), tls: arguments.isOn("tls"),
                certPath: arguments.value("cert-path"), environment: shell.environment,
                home: shell.environment["HOME"] ?? "/root")
        } catch let error as ConnectError {
            throw ShellUsageError(error.description)
        }
        for diagnostic in diagnostics { shell.console.err("\(diagnostic)\n") }
        let session = try shell.registry.add(endpoint, connectTimeout: shell.settings.timeout)
        let status = await session.ping()
        if let reason = status.downReason {
            invocation.presenter.failure(HostFailure(host: session.name, kind: .unreachable, message: reason))
        }
    }

    static let disconnect = CommandSpec(
        name: "disconnect", summary: "Close an engine's connections and forget it",
        scope: .shell,
        arguments: [ArgumentSpec("NAME", completion: .host, repeats: true)]
    ) { invocation in
        let names = invocation.arguments.positional
        for name in names {
            guard let session = invocation.shell.registry.remove(named: name) else {
                throw ShellUsageError("unknown host '\(name)'")
            }
            await session.shutdown()
        }
    }

    static let reconnect = CommandSpec(
        name: "reconnect", summary: "Ping the targeted hosts again now (all of them by default)",
        scope: .shell
    ) { invocation in
        let hosts = invocation.targets.isEmpty ? invocation.shell.registry.sessions : invocation.targets
        await FanOut(maxInFlight: invocation.shell.settings.fanout, timeout: nil).run(on: hosts) { await $0.reconnect() }
        for host in hosts {
            if let reason = host.status.downReason {
                invocation.presenter.failure(HostFailure(host: host.name, kind: .unreachable, message: reason))
            }
        }
    }

    static let wait = CommandSpec(
        name: "wait", summary: "Wait for the commands started with '&'", scope: .shell
    ) { invocation in
        let status = await invocation.shell.joinBackgroundJobs()
        if status != .success {
            invocation.console.err("wait: a background command failed (status \(status.rawValue))\n")
            invocation.presenter.raiseStatus(to: status)
        }
    }

    static let exit = CommandSpec(
        name: "exit", aliases: ["quit"], summary: "Leave the shell", scope: .shell,
        arguments: [ArgumentSpec("STATUS", optional: true)]
    ) { invocation in
        let words = invocation.arguments.positional
        // A typo must not end a script: only `exit` or `exit N` leaves.
        guard words.count <= 1, let code = words.isEmpty ? 0 : Int32(words[0]) else {
            throw ShellUsageError("exit takes one optional numeric status, got '\(words.joined(separator: " "))'")
        }
        invocation.shell.requestExit(ExitStatus(rawValue: code))
    }
}
