/// Completion of a whole `dmux …` command line as a login shell sees it (`dmux __complete WORDS…`,
/// the last word being the one under the cursor): the executable's own options and their values,
/// then the shell line that follows them, or the line inside `-c '…'` being typed.
public struct CommandLineCompletion: Sendable {
    /// What to answer, decided from the words alone.
    public enum Plan: Sendable, Hashable {
        /// Known now (top-level flags, fixed values).
        case fixed([String])
        /// A top-level flag's value; `prefix` (`--color=`) goes in front of every candidate.
        case value(FlagSpec, typed: String, prefix: String)
        /// Complete `line` with the shell's engine; `prefix` goes in front of every candidate.
        case line(String, prefix: String)
    }

    /// The plan, and the `-H` values already on the line (their hosts are worth completing too).
    public static func plan(words: [String]) -> (plan: Plan, hostFlags: [String]) {
        let current = words.last ?? ""
        let complete = words.dropLast()
        var hostFlags: [String] = []
        var index = complete.startIndex
        while index < complete.endIndex {
            let word = complete[index]
            guard word.hasPrefix("-"), word != "-", let flag = TopLevelOptions.flag(named: word) else {
                // The first word that is not an option starts the shell line (`dmux @web ps -a`).
                let line = complete[index...].map(Tokenizer.quote).joined(separator: " ")
                return (.line(line + " " + current, prefix: ""), hostFlags)
            }
            index += 1
            guard flag.takesValue, !word.contains("="), !(word.count > 2 && !word.hasPrefix("--")) else {
                if flag.long == "host", let value = inlineValue(word) { hostFlags.append(value) }
                continue
            }
            guard index < complete.endIndex else { return (valuePlan(flag, current, prefix: ""), hostFlags) }
            if flag.long == "host" { hostFlags.append(complete[index]) }
            index += 1
        }
        if current.hasPrefix("--"), let equals = current.firstIndex(of: "="),
           let flag = TopLevelOptions.flag(named: String(current[..<equals])), flag.takesValue {
            let prefix = String(current[...equals])
            return (valuePlan(flag, String(current.dropFirst(prefix.count)), prefix: prefix), hostFlags)
        }
        if current.hasPrefix("-") {
            let names = TopLevelOptions.flags.flatMap { flag in
                (flag.short.map { ["-\($0)"] } ?? []) + ["--\(flag.long)"]
            }
            return (.fixed(CompletionEngine.matching(names, current)), hostFlags)
        }
        return (.line(current, prefix: ""), hostFlags)
    }

    /// `-c`'s value is a shell line: complete its last word, keeping the opening quote and the
    /// words before it so the login shell replaces the whole argument.
    private static func valuePlan(_ flag: FlagSpec, _ typed: String, prefix: String) -> Plan {
        guard flag.long == "command" else { return .value(flag, typed: typed, prefix: prefix) }
        var text = typed
        var quote = ""
        if let first = text.first, first == "'" || first == "\"" {
            quote = String(first)
            text.removeFirst()
        }
        let head = CompletionLine(line: text, cursor: text.unicodeScalars.count).head
        return .line(text, prefix: prefix + quote + head)
    }

    private static func inlineValue(_ word: String) -> String? {
        if let equals = word.firstIndex(of: "=") { return String(word[word.index(after: equals)...]) }
        return word.hasPrefix("--") || word.count <= 2 ? nil : String(word.dropFirst(2))
    }

    /// Candidates for a top-level flag's value.
    static func values(of flag: FlagSpec, typed: String, catalog: CompletionCatalog) -> [String] {
        switch flag.completion {
        case .host:
            // `-H [NAME=]URL`: a scheme to start with, then socket paths for unix://.
            if typed.hasPrefix("unix://") {
                return catalog.paths(extending: String(typed.dropFirst(7)), directoriesOnly: false).map { "unix://" + $0 }
            }
            return CompletionEngine.matching(TopLevelOptions.hostSchemes, typed)
        case .values(let list):
            return CompletionEngine.matching(list, typed)
        case .file:
            return catalog.paths(extending: typed, directoriesOnly: false)
        default:
            return []
        }
    }
}
