/// The part of a line that completion looks at: the words of the command the cursor is in (after
/// the last `;` or `&`) and the word being typed. Lenient where the tokenizer is strict: an open
/// quote or a trailing backslash still gives words, since the user is in the middle of typing.
public struct CompletionLine: Sendable, Hashable {
    /// Whole words of the current command before the word being typed, unquoted.
    public var words: [String]
    /// The word being typed, as typed: from the last word-break character to the cursor.
    public var current: String
    /// Everything before `current` (what a candidate is appended to when the caller needs the whole line).
    public var head: String

    /// Characters that end the word Tab completes; the same set the line editor uses, so the
    /// candidates replace exactly the word libedit hands over.
    static let wordBreaks: Set<Character> = [" ", "\t", "\n", "\"", "'", "`", ";", "|", "&"]

    public init(words: [String], current: String, head: String = "") {
        self.words = words
        self.current = current
        self.head = head
    }

    /// Splits `line` up to `cursor` (an offset in Unicode scalars, as libedit counts).
    public init(line: String, cursor: Int) {
        let scalars = line.unicodeScalars
        let end = scalars.index(scalars.startIndex, offsetBy: min(max(0, cursor), scalars.count))
        let before = String(scalars[..<end])
        let start = before.lastIndex { Self.wordBreaks.contains($0) }.map(before.index(after:)) ?? before.startIndex
        current = String(before[start...])
        head = String(before[..<start])
        words = Self.words(ofLastCommandIn: head)
    }

    /// Words of the last command in `text`: split like the tokenizer, with unterminated quotes closed.
    static func words(ofLastCommandIn text: String) -> [String] {
        var words: [String] = []
        var word = ""
        var inWord = false
        var quote: Character?
        var escaped = false
        for character in text {
            if escaped {
                word.append(character)
                escaped = false
                continue
            }
            if let open = quote {
                if character == open {
                    quote = nil
                } else if character == "\\" && open == "\"" {
                    escaped = true
                } else {
                    word.append(character)
                }
                continue
            }
            switch character {
            case " ", "\t", "\n", "\r":
                if inWord { words.append(word) }
                (word, inWord) = ("", false)
            case ";", "&", "|":
                (words, word, inWord) = ([], "", false)
            case "#" where !inWord:
                return []  // the rest of the line is a comment: nothing to complete
            case "'", "\"":
                quote = character
                inWord = true
            case "\\":
                escaped = true
                inWord = true
            default:
                word.append(character)
                inWord = true
            }
        }
        // An open quote at the end starts the word being typed, not a finished one.
        if inWord && quote == nil { words.append(word) }
        return words
    }
}
