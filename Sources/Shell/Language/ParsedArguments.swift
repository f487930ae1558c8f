/// A command's words after flag parsing: flag values by long name, and positional arguments.
public struct ParsedArguments: Sendable, Hashable {
    public var values: [String: [String]] = [:]
    public var positional: [String] = []
    /// `--help` where a flag may stand: the user wants the command's usage, as docker prints it.
    public var helpRequested = false

    public init() {}

    public func has(_ flag: String) -> Bool { values[flag] != nil }
    public func value(_ flag: String) -> String? { values[flag]?.last }
    public func all(_ flag: String) -> [String] { values[flag] ?? [] }

    /// A boolean flag: given bare or `=true`, off with `=false`.
    public func isOn(_ flag: String) -> Bool {
        guard let value = values[flag]?.last else { return false }
        return value != "false" && value != "0"
    }

    public func int(_ flag: String) throws(ShellUsageError) -> Int? {
        guard let text = value(flag) else { return nil }
        guard let number = Int(text) else {
            throw ShellUsageError("invalid argument \"\(text)\" for \"--\(flag)\" flag: not an integer")
        }
        return number
    }
}

/// Parses flags the way docker's pflag does: `-a`, `-aq`, `-n 5`, `-n5`, `--tail 5`, `--tail=5`,
/// `--` to end flags, flags after arguments unless the command stops at its first argument.
public enum FlagParser {
    public static func parse(_ words: [String], for command: CommandSpec) throws(ShellUsageError) -> ParsedArguments {
        var parsed = ParsedArguments()
        var index = 0
        var flagsEnded = false
        func takeValue(for flag: FlagSpec, inline: String?) throws(ShellUsageError) -> String {
            if let inline { return inline }
            index += 1
            guard index < words.count else { throw ShellUsageError("flag needs an argument: --\(flag.long)") }
            return words[index]
        }
        func record(_ flag: FlagSpec, _ value: String) {
            if flag.repeatable {
                parsed.values[flag.long, default: []].append(value)
            } else {
                parsed.values[flag.long] = [value]
            }
        }
        while index < words.count {
            let word = words[index]
            if flagsEnded || word == "-" || !word.hasPrefix("-") {
                parsed.positional.append(word)
                if command.flagsEndAtFirstArgument || command.flagsEndAfter?(parsed.positional) == true { flagsEnded = true }
            } else if word == "--" {
                flagsEnded = true
            } else if word.hasPrefix("--") {
                let body = word.dropFirst(2)
                let name = String(body.prefix { $0 != "=" })
                let inline = body.contains("=") ? String(body.drop { $0 != "=" }.dropFirst()) : nil
                if name == "help" && inline == nil && !command.flags.contains(where: { $0.long == "help" }) {
                    parsed.helpRequested = true
                    return parsed
                }
                guard let flag = command.flags.first(where: { $0.long == name }) else {
                    throw unknownFlag("--\(name)", command: command)
                }
                record(flag, flag.takesValue ? try takeValue(for: flag, inline: inline) : (inline ?? "true"))
            } else {
                var shorts = Substring(word.dropFirst())
                while let letter = shorts.first {
                    shorts = shorts.dropFirst()
                    guard let flag = command.flags.first(where: { $0.short == letter }) else {
                        throw unknownFlag("-\(letter)", command: command, shorthand: true, word: word)
                    }
                    if flag.takesValue {
                        let inline = shorts.isEmpty ? nil : String(shorts.hasPrefix("=") ? shorts.dropFirst() : shorts)
                        record(flag, try takeValue(for: flag, inline: inline))
                        break
                    }
                    record(flag, "true")
                }
            }
            index += 1
        }
        if command.arguments.isEmpty, let extra = parsed.positional.first {
            throw ShellUsageError("\"\(command.name)\" accepts no arguments, got '\(extra)'; see 'help \(command.name)'")
        }
        return parsed
    }

    private static func unknownFlag(
        _ flag: String,
        command: CommandSpec,
        shorthand: Bool = false,
        word: String = ""
    ) -> ShellUsageError {
        if shorthand {
            return ShellUsageError("unknown shorthand flag: '\(flag.dropFirst())' in \(word) (see 'help \(command.name)')")
        }
        let names = command.flags.map { "--\($0.long)" }
        let hint = Suggestion.nearest(to: flag, in: names).map { " (did you mean \($0)?)" } ?? ""
        return ShellUsageError("unknown flag: \(flag)\(hint) (see 'help \(command.name)')")
    }
}
