/// Usage lines and help pages written from the tree, in docker's layout (cobra's usage template
/// as docker/cli cli/cobra.go sets it): nothing here is written by hand per command.
public enum UsageText {
    /// docker's `cmd.CommandPath()`: `dmux container ls`.
    public static func commandPath(_ path: [String]) -> String {
        (["dmux"] + path).joined(separator: " ")
    }

    /// docker's `cmd.UseLine()`: `dmux [@TARGETS] stop [OPTIONS] CONTAINER [CONTAINER...]`.
    public static func line(_ spec: CommandSpec, path: [String]) -> String {
        var words = ["dmux"]
        if spec.scope == .engines { words.append("[@TARGETS]") }
        var arguments = spec.arguments.map(\.usage)
        if path == ["!"], !arguments.isEmpty {
            // `!PROGRAM`: the program's name is written against the `!`.
            words.append("!" + arguments.removeFirst())
        } else {
            words += path
        }
        if spec.isGroup { return (words + ["COMMAND"]).joined(separator: " ") }
        if spec.flags.contains(where: { $0.long != "help" }) { words.append("[OPTIONS]") }
        return (words + arguments).joined(separator: " ")
    }

    /// `help CMD` and `CMD --help`: usage, summary, aliases, subcommands and options.
    public static func help(_ spec: CommandSpec, path: [String], discussion: String? = nil) -> String {
        var out = "Usage:  \(line(spec, path: path))\n\n\(spec.summary)\n"
        if let discussion { out += "\n\(discussion)\n" }
        if !spec.aliases.isEmpty {
            let parent = path.dropLast()
            out += "\nAliases:\n  " + spec.names.map { commandPath(parent + [$0]) }.joined(separator: ", ") + "\n"
        }
        let subcommands = spec.subcommands.filter { !$0.isHidden }
        if !subcommands.isEmpty {
            out += "\nCommands:\n" + table(subcommands.map { ($0.name, $0.summary) })
        }
        if !spec.flags.isEmpty {
            out += "\nOptions:\n" + table(spec.flags.map { flag in
                let short = flag.short.map { "-\($0), " } ?? "    "
                return ("\(short)--\(flag.long)" + (flag.value.map { " \($0)" } ?? ""), flag.help)
            }, gap: 3)
        }
        if !subcommands.isEmpty {
            out += "\nRun '\(commandPath(path)) COMMAND --help' for more information on a command.\n"
        }
        return out
    }

    /// Two aligned columns, indented by two spaces.
    static func table(_ rows: [(String, String)], gap: Int = 2) -> String {
        let width = rows.map(\.0.count).max() ?? 0
        return rows.map { "  \($0.0.padding(width))\(String(repeating: " ", count: gap))\($0.1)\n" }.joined()
    }
}

extension String {
    func padding(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
