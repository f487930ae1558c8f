/// One walk down the command tree over a command's words, with docker's (pflag's) rules:
/// `--x=v`, `--x v`, `-abc` clusters, `-n5` and `-n=5`, `--` ends the flags, flags anywhere
/// unless the node stops them at its first argument, a first word that names a subcommand
/// descends into it. Strict, it throws at the first mistake; lenient (completion of a half-typed
/// line), it skips mistakes and remembers where it stopped. Both modes are the same loop, so
/// completion can never disagree with parsing.
struct CommandWalk {
    var node: CommandSpec
    /// The words naming `node`, as the tree spells them (`["machine", "create"]`).
    var path: [String]
    var arguments = ParsedArguments()
    var flagsEnded = false
    /// Long names of the flags given so far.
    var given: Set<String> = []
    /// Lenient: the last word was a flag whose value is the word under the cursor.
    var awaitingValue: FlagSpec?
    /// Lenient: a word named no subcommand; nothing after it can be completed.
    var lost = false

    init(_ node: CommandSpec, path: [String]) {
        self.node = node
        self.path = path
    }

    var commandPath: String { UsageText.commandPath(path) }

    mutating func consume(_ words: ArraySlice<String>, strict: Bool) throws(ShellUsageError) {
        var index = words.startIndex
        while index < words.endIndex {
            let word = words[index]
            index += 1
            if node.flagParsingDisabled || flagsEnded || word == "-" || !word.hasPrefix("-") {
                if node.isGroup {
                    guard let subcommand = node.subcommand(named: word) else {
                        if strict { throw unknownSubcommand(word) }
                        lost = true
                        return
                    }
                    node = subcommand
                    path.append(subcommand.name)
                    continue
                }
                arguments.positional.append(word)
                if node.flagsEndAtFirstArgument { flagsEnded = true }
            } else if word == "--" {
                flagsEnded = true
            } else if word.hasPrefix("--") {
                let body = word.dropFirst(2)
                let name = String(body.prefix { $0 != "=" })
                let inline = body.contains("=") ? String(body.drop { $0 != "=" }.dropFirst()) : nil
                if name == "help" && inline == nil && node.flag(named: "help") == nil {
                    arguments.helpRequested = true
                    if strict { return }
                    continue
                }
                guard let flag = node.flags.first(where: { $0.long == name }) else {
                    if strict { throw unknownFlag("--\(name)") }
                    continue
                }
                if flag.takesValue && inline == nil {
                    guard try takeValue(for: flag, named: "--\(name)", from: words, at: &index, strict: strict) else { return }
                } else {
                    record(flag, inline ?? "true")
                }
            } else {
                var shorts = Substring(word.dropFirst())
                while let letter = shorts.first {
                    shorts = shorts.dropFirst()
                    // cobra gives every command `-h, --help` unless the command uses `-h` itself.
                    if letter == "h" && !node.flags.contains(where: { $0.short == "h" }) {
                        arguments.helpRequested = true
                        if strict { return }
                        continue
                    }
                    guard let flag = node.flags.first(where: { $0.short == letter }) else {
                        if strict { throw failure("unknown shorthand flag: '\(letter)' in \(word)") }
                        break
                    }
                    guard flag.takesValue else {
                        record(flag, "true")
                        continue
                    }
                    if !shorts.isEmpty {
                        record(flag, String(shorts.hasPrefix("=") ? shorts.dropFirst() : shorts))
                    } else {
                        guard try takeValue(for: flag, named: "'\(letter)' in \(word)", from: words, at: &index, strict: strict) else { return }
                    }
                    break
                }
            }
        }
    }

    /// Strict only, after the last word: a group without its subcommand shows its help, as
    /// docker's management commands do; otherwise the node's arity decides.
    mutating func finish() throws(ShellUsageError) {
        if arguments.helpRequested { return }
        if node.isGroup {
            arguments.helpRequested = true
            return
        }
        let arity = Arity(node.arguments)
        guard arity.accepts(arguments.positional.count) else {
            throw ShellUsageError("\(arity.refusal(path: commandPath)) See '\(commandPath) --help'. Usage:  \(UsageText.line(node, path: path))")
        }
    }

    /// The word at `index` as `flag`'s value; false when the words ran out (strict: an error
    /// naming the flag as typed; lenient: the word under the cursor is that value).
    private mutating func takeValue(
        for flag: FlagSpec, named typed: String, from words: ArraySlice<String>, at index: inout Int, strict: Bool
    ) throws(ShellUsageError) -> Bool {
        guard index < words.endIndex else {
            if strict { throw failure("flag needs an argument: \(typed)") }
            awaitingValue = flag
            return false
        }
        record(flag, words[index])
        index += 1
        return true
    }

    private mutating func record(_ flag: FlagSpec, _ value: String) {
        given.insert(flag.long)
        if flag.repeatable {
            arguments.values[flag.long, default: []].append(value)
        } else {
            arguments.values[flag.long] = [value]
        }
    }

    private func failure(_ reason: String) -> ShellUsageError {
        ShellUsageError("\(reason) (see '\(commandPath) --help')")
    }

    private func unknownFlag(_ flag: String) -> ShellUsageError {
        let hint = Suggestion.nearest(to: flag, in: node.flags.map { "--\($0.long)" }).map { " (did you mean \($0)?)" } ?? ""
        return failure("unknown flag: \(flag)\(hint)")
    }

    private func unknownSubcommand(_ word: String) -> ShellUsageError {
        let hint = Suggestion.nearest(to: word, in: node.visibleSubcommandNames).map { " (did you mean '\(path.joined(separator: " ")) \($0)'?)" } ?? ""
        return failure("unknown command '\((path + [word]).joined(separator: " "))'\(hint)")
    }
}
