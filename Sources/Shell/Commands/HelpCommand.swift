/// `help` and `help COMMAND`, written from the command table so they never drift from what the
/// parser accepts.
enum HelpCommand {
    static let spec = CommandSpec(
        name: "help", summary: "List the commands, or show one command's usage and flags",
        usage: "help [COMMAND]", scope: .shell,
        arguments: [ArgumentSpec("COMMAND", completion: .command, optional: true)]
    ) { invocation in
        let table = invocation.shell.commands
        guard let name = invocation.arguments.positional.first else {
            invocation.console.out(overview(table))
            return
        }
        if let (leaf, _) = InterimDispatch.leaf(for: invocation.arguments.positional) {  // until the command tree
            return invocation.console.out(detail(leaf))
        }
        guard let spec = table.command(named: name.hasPrefix("!") ? "!" : name) else {
            let hint = Suggestion.nearest(to: name, in: table.names).map { " (did you mean '\($0)'?)" } ?? ""
            throw ShellUsageError("unknown command '\(name)'\(hint)")
        }
        invocation.console.out(detail(spec))
    }

    static func overview(_ table: CommandTable) -> String {
        let width = table.visible.map(\.name.count).max() ?? 0
        var out = "Usage: [@TARGETS] COMMAND [ARGS…]   (TARGETS: all, NAME, a,b, GROUP, glob*, all,!NAME)\n\n"
        for (title, scope) in [("Engine commands", CommandSpec.Scope.engines), ("Shell commands", .shell)] {
            out += "\(title):\n"
            for spec in table.visible where spec.scope == scope {
                out += "  \(spec.name.padding(width))  \(spec.summary)\n"
            }
            out += "\n"
        }
        out += oneHostRule
        out += "Run 'help COMMAND' for a command's flags.\n"
        return out
    }

    /// The output rule for one host, as README.md states it.
    static let oneHostRule = """
        Output: a command aimed at one host (@m1, 'use m1', or no target with one engine configured)
        prints exactly what docker prints: no HOST column, no group header, no line prefix, docker's
        error words and exit status (run and exec end with the container's). The rule is on what was
        targeted, not on who answered: '@m1,m2' with m2 down keeps the multi-host shapes, so a
        script's output does not change shape when a host goes down. '--format table|lines|grouped'
        or 'set format' chooses a shape for one host too; '--format json' is always NDJSON with "host".
        'version' and 'info' print docker's Server section: the Client half describes the docker binary.
        An engine that cannot be reached is dmux's own line (NAME: cannot connect…) and status 3.


        """

    static func detail(_ spec: CommandSpec) -> String {
        var out = "Usage: \(spec.usage)\n\n\(spec.summary)\n"
        if !spec.aliases.isEmpty { out += "\nAliases: \(spec.aliases.joined(separator: ", "))\n" }
        if !spec.flags.isEmpty {
            out += "\nOptions:\n"
            let names = spec.flags.map { flag in
                let short = flag.short.map { "-\($0), " } ?? "    "
                return "\(short)--\(flag.long)" + (flag.value.map { " \($0)" } ?? "")
            }
            let width = names.map(\.count).max() ?? 0
            for (name, flag) in zip(names, spec.flags) {
                out += "  \(name.padding(width))   \(flag.help)\n"
            }
        }
        return out
    }
}

extension String {
    func padding(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
