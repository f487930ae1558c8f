/// A deterministic corpus of malformed shell lines, each of which must cost exactly one usage
/// error and nothing else: unbalanced quotes, unknown commands and flags, bad targets, megabyte
/// lines, NUL and other control bytes, invalid UTF-8, template garbage, bad settings, missing and
/// surplus arguments. Lines are bytes, not strings, so invalid UTF-8 reaches dmux as it is.
struct BadInputCorpus {
    private var random: SplitMix64

    init(seed: UInt64) {
        random = SplitMix64(seed: seed)
    }

    /// `count` lines, cycling through the kinds so each appears about equally; the four megabyte
    /// lines come once each, whatever the count.
    mutating func lines(_ count: Int) -> [[UInt8]] {
        var lines = Self.megabyteLines
        let kinds = makers.count
        while lines.count < count {
            let kind = lines.count % kinds
            lines.append(makers[kind](&self))
        }
        return lines
    }

    /// Command words that parse; each maker breaks one thing after them. Not run, exec or top:
    /// their flags end at the first argument, so what follows is the container's, not an error.
    private static let commands = ["ps", "images", "logs c", "events", "hosts", "ping", "version", "info", "df",
                                   "inspect c", "rmi img", "stats", "@u1 ps", "@all images"]
    /// (`wait` is not here: `wait WORD` is docker's wait on a container, a request and no usage error.)
    private static let noArguments = ["ps", "version", "info", "hosts", "ping", "df", "events", "reconnect"]
    private static let badTargets = ["@", "@,", "@,,", "@!", "@u1,", "@,u1", "@u1,,u1", "@u1,!", "@!nosuch",
                                     "@nosuch", "@zq*", "@[", "@all,zq", "@!!"]
    private static let badTemplates = ["{{", "{{.ID", "{{.Nope}}", "{{range}}", "{{.ID}", "{{end}}", "{{.Names.Zq}}"]
    private static let badSettings = ["timeout -1", "timeout abc", "timeout 0", "timeout 5parsecs", "fanout 0",
                                      "fanout -3", "fanout x", "format nope", "color purple", "zq 1"]
    private static let missingArguments = ["logs", "exec", "exec c", "run", "inspect", "top", "rmi", "connect",
                                           "connect x", "logs --tail", "ps --last", "ps --filter", "ps -n", "!",
                                           "disconnect zqhost", "use zqhost", "help zqcmd", "images a b"]
    private static let misplacedOperators = ["&", "& ps", "ps &&", "@u1 &", "ps & &", "&&"]
    private static let invalidUTF8: [[UInt8]] = [[0xff], [0xfe, 0xff], [0xc3, 0x28], [0xe2, 0x28, 0xa1],
                                                 [0xf0, 0x28, 0x8c, 0xbc], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0x80]]
    /// Bytes a random word may hold: anything but what the tokenizer treats specially (space, tab,
    /// CR, LF, quotes, backslash, `;`, `&`, `#`), so the word stays one unknown command.
    private static let wordBytes: [UInt8] = (1...255).map(UInt8.init).filter { !Array(" \t\r\n'\"\\;&#".utf8).contains($0) }

    private static let megabyteLines: [[UInt8]] = [
        Array("zq".utf8) + Array(repeating: UInt8(ascii: "a"), count: 1 << 20),
        Array("ps --".utf8) + Array(repeating: UInt8(ascii: "x"), count: 1 << 20),
        Array("@".utf8) + Array(repeating: UInt8(ascii: "h"), count: 1 << 20) + Array(" ps".utf8),
        Array("ps \"".utf8) + Array(repeating: UInt8(ascii: "q"), count: 1 << 20),
    ]

    private let makers: [(inout BadInputCorpus) -> [UInt8]] = [
        { corpus in Array("\(corpus.pick(commands)) \"\(corpus.word())".utf8) },
        { corpus in Array("\(corpus.pick(commands)) '\(corpus.word()) x".utf8) },
        { corpus in Array("zq\(corpus.word()) \(corpus.word())".utf8) },
        { corpus in Array("\(corpus.pick(commands)) --zq\(corpus.word())".utf8) },
        { corpus in Array("\(corpus.pick(commands)) -\(corpus.random.next() % 10)".utf8) },
        { corpus in Array("\(corpus.pick(badTargets)) ps".utf8) },
        { corpus in [corpus.pickControl()] + Array("zq".utf8) + [corpus.pickControl()] },
        { corpus in Array("ps".utf8) + [corpus.pickControl()] + Array("x".utf8) },
        { corpus in corpus.pick(invalidUTF8) + Array(" ps".utf8) },
        { corpus in Array("ps ".utf8) + corpus.pick(invalidUTF8) },
        { corpus in Array("ps --".utf8) + Array(repeating: UInt8(ascii: "f"), count: 1000 + Int(corpus.random.next() % 60_000)) },
        { corpus in Array("\(corpus.pick(["ps", "images"])) --format '\(corpus.pick(badTemplates))'".utf8) },
        { corpus in Array("set \(corpus.pick(badSettings))".utf8) },
        { corpus in Array(corpus.pick(missingArguments).utf8) },
        { corpus in Array("\(corpus.pick(noArguments)) \(corpus.word())".utf8) },
        { corpus in Array(corpus.pick(misplacedOperators).utf8) },
        { corpus in Array("exit \(corpus.pick(["1 2", "abc", "-", "1x"]))".utf8) },
        { corpus in Array("zq".utf8) + (0..<(1 + Int(corpus.random.next() % 40))).map { _ in corpus.pick(wordBytes) } },
    ]

    private mutating func pick<T>(_ choices: [T]) -> T {
        choices[Int(random.next() % UInt64(choices.count))]
    }

    /// A C0 control (not tab, CR or LF, which separate words or lines), DEL, or an escape sequence's introducer.
    private mutating func pickControl() -> UInt8 {
        pick((0...31).filter { ![9, 10, 13].contains($0) }.map(UInt8.init) + [127])
    }

    private mutating func word() -> String {
        let letters = Array("abcdefghijklmnopqrstuvwxyz0123456789-_.")
        return String((0..<(1 + Int(random.next() % 12))).map { _ in pick(letters) })
    }
}

/// A small seeded generator (SplitMix64), so the corpus is the same on every run.
struct SplitMix64 {
    private var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
