/// `help`, `help COMMAND [SUBCOMMAND…]` (and `COMMAND --help`), written from the command tree so
/// they never drift from what the parser accepts.
public enum HelpCommand {
    static let spec = CommandSpec(
        name: "help", summary: "List the commands, or show one command's usage and flags", scope: .shell,
        arguments: [ArgumentSpec("COMMAND", completion: .command, repeats: true, optional: true)]
    ) { invocation in
        let table = invocation.shell.commands
        let words = invocation.arguments.positional
        guard !words.isEmpty else {
            invocation.console.out(overview(table))
            return
        }
        guard let (spec, path) = table.node(at: words) else {
            let known = words.count == 1 ? table.names : (table.node(at: Array(words.dropLast()))?.0.visibleSubcommandNames ?? [])
            let hint = Suggestion.nearest(to: words.last!, in: known).map { " (did you mean '\($0)'?)" } ?? ""
            throw ShellUsageError("unknown command '\(words.joined(separator: " "))'\(hint)")
        }
        invocation.console.out(UsageText.help(spec, path: path))
    }

    static func overview(_ table: CommandTable) -> String {
        var out = "Usage: [@TARGETS] COMMAND [ARGS…]   (TARGETS: all, NAME, a,b, GROUP, glob*, all,!NAME)\n\n"
        let sections: [(String, (CommandSpec) -> Bool)] = [
            ("Management commands", { $0.isGroup }),
            ("Engine commands", { !$0.isGroup && $0.scope == .engines }),
            ("Shell commands", { !$0.isGroup && $0.scope == .shell }),
        ]
        for (title, belongs) in sections {
            out += "\(title):\n" + UsageText.table(table.visible.filter(belongs).map { ($0.name, $0.summary) }) + "\n"
        }
        out += oneHostRule
        out += "Run 'help COMMAND' for a command's flags.\n"
        return out
    }

    /// `dmux --help`: the root node's page, with what the executable does with its words.
    public static func rootHelp(_ table: CommandTable) -> String {
        var root = table.root
        root.subcommands = []  // `dmux help` lists them
        return UsageText.help(root, path: [], discussion: DmuxOptions.configuration.discussion) + "\nRun 'dmux help' for the commands.\n"
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
}
