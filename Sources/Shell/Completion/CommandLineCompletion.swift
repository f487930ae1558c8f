/// Completion of a whole `dmux …` command line as a login shell sees it (`dmux __complete WORDS…`,
/// the last word being the one under the cursor): the executable's own options and their values,
/// then the command that follows them, or the line inside `-c '…'` being typed. The words are
/// walked as words by the parser's lenient mode; only `-c`'s value is text to split.
public struct CommandLineCompletion: Sendable {
    /// What to answer, decided from the words alone.
    public enum Plan: Sendable, Hashable {
        /// A dmux option's value; `prefix` (`--color=`) goes in front of every candidate.
        case value(FlagSpec, typed: String, prefix: String)
        /// Answer `request` with the shell's engine; `prefix` goes in front of every candidate.
        case line(CompletionEngine.Request, prefix: String)
    }

    /// The plan, and the `-H` values already on the line (their hosts are worth completing too).
    public static func plan(words: [String], table: CommandTable = .standard) -> (plan: Plan, hostFlags: [String]) {
        let current = words.last ?? ""
        let (slot, target, options) = CommandLineParser(table).optionSlot(argv: Array(words.dropLast()), current: current)
        let hostFlags = options.all("host")
        let engine = CompletionEngine(commands: table)
        if options.positional.isEmpty, case .flagValue(let flag, let prefix) = slot {
            let typed = String(current.dropFirst(prefix.count))
            guard flag.long == "command" else { return (.value(flag, typed: typed, prefix: prefix), hostFlags) }
            return (commandLinePlan(typed, prefix: prefix, engine: engine), hostFlags)
        }
        let line = CompletionLine(words: options.positional, current: current)
        return (.line(engine.request(line, slot, target: target), prefix: ""), hostFlags)
    }

    /// `-c`'s value is a shell line: complete its last word, keeping the opening quote and the
    /// words before it so the login shell replaces the whole argument.
    private static func commandLinePlan(_ typed: String, prefix: String, engine: CompletionEngine) -> Plan {
        var text = typed
        var quote = ""
        if let first = text.first, first == "'" || first == "\"" {
            quote = String(first)
            text.removeFirst()
        }
        let line = CompletionLine(line: text, cursor: text.unicodeScalars.count)
        return .line(engine.request(for: line), prefix: prefix + quote + line.head)
    }

    /// Candidates for a dmux option's value.
    static func values(of flag: FlagSpec, typed: String, catalog: CompletionCatalog) -> [String] {
        switch flag.completion {
        case .host:
            // `-H [NAME=]URL`: a scheme to start with, then socket paths for unix://.
            if typed.hasPrefix("unix://") {
                return catalog.paths(extending: String(typed.dropFirst(7)), directoriesOnly: false).map { "unix://" + $0 }
            }
            return CompletionEngine.matching(DmuxOptions.hostSchemes, typed)
        case .values(let list):
            return CompletionEngine.matching(list, typed)
        case .file:
            return catalog.paths(extending: typed, directoriesOnly: false)
        default:
            return []
        }
    }
}
