/// Interim, until the command tree hangs the leaves on their groups: `GROUP LEAF …` (`container
/// prune`, `network create`) runs the leaf as if it were a command of its own. Shell.prepare asks
/// `leaf(for:)`; `container` and `system` exist only here. Delete this file (and that call) then.
enum InterimDispatch {
    static let groups: [String: [CommandSpec]] = [
        "container": ContainerLeaves.all, "image": ImageLeaves.all, "network": NetworkLeaves.all,
        "volume": VolumeLeaves.all, "system": SystemLeaves.all,
    ]

    /// The leaf named by the second word and the words after it; nil when the words name none
    /// (`network ls` and `image copy` stay with the commands that have them).
    static func leaf(for words: [String]) -> (CommandSpec, [String])? {
        guard words.count >= 2, let leaves = groups[words[0]], let leaf = leaves.first(where: { $0.name == words[1] || $0.aliases.contains(words[1]) }) else { return nil }
        return (leaf, Array(words.dropFirst(2)))
    }

    static let all: [CommandSpec] = ["container", "system"].map { group in
        CommandSpec(
            name: group, summary: "Manage \(group == "system" ? "Docker" : "containers") (\(group) SUBCOMMAND)",
            usage: "[@TARGETS] \(group) SUBCOMMAND [ARGS…]", scope: .engines,
            arguments: [ArgumentSpec("SUBCOMMAND", completion: .values(groups[group]!.map(\.name))), ArgumentSpec("ARGS", repeats: true, optional: true)],
            flagsEndAtFirstArgument: true
        ) { invocation in
            let given = invocation.arguments.positional.first.map { "unknown subcommand \"\($0)\"" } ?? "a subcommand is needed"
            throw ShellUsageError("\(group): \(given) (\(groups[group]!.map(\.name).joined(separator: ", ")))")
        }
    }
}
