import Core
import Foundation

/// Splits a line of the shell language into commands and words, quoting like a POSIX shell:
/// single quotes are literal, double quotes allow `\"` `\\` `\$` `` \` ``, a backslash outside
/// quotes escapes the next character, `#` at the start of a word begins a comment, and `;` or `&`
/// outside quotes end a command (`&` runs it in the background).
///
/// It reads Unicode scalars, as a shell reads bytes: reading grapheme clusters, a combining mark
/// after a quote or a space would hide it (found by Fuzz/Sources/FuzzCommandLine).
public enum Tokenizer {
    public struct Command: Sendable, Hashable {
        public var words: [String]
        public var background: Bool
    }

    public static func split(_ line: String) throws(ShellSyntaxError) -> [Command] {
        var commands: [Command] = []
        var words: [String] = []
        var word = String.UnicodeScalarView()
        var inWord = false
        var iterator = line.unicodeScalars.makeIterator()

        func endWord() {
            if inWord { words.append(String(word)) }
            word = String.UnicodeScalarView()
            inWord = false
        }
        func endCommand(background: Bool) {
            endWord()
            if !words.isEmpty || background {
                commands.append(Command(words: words, background: background))
            }
            words = []
        }

        while let scalar = iterator.next() {
            switch scalar {
            case " ", "\t", "\n", "\r":
                endWord()
            case ";":
                endCommand(background: false)
            case "&":
                if words.isEmpty && !inWord { throw ShellSyntaxError("unexpected '&'") }
                endCommand(background: true)
            case "#" where !inWord:
                endCommand(background: false)
                return commands.filter { !$0.words.isEmpty }
            case "'":
                inWord = true
                var closed = false
                while let next = iterator.next() {
                    if next == "'" { closed = true; break }
                    word.append(next)
                }
                if !closed { throw ShellSyntaxError("unterminated single quote") }
            case "\"":
                inWord = true
                var closed = false
                while let next = iterator.next() {
                    if next == "\"" { closed = true; break }
                    if next == "\\" {
                        guard let escaped = iterator.next() else { break }
                        if !"\"\\$`".unicodeScalars.contains(escaped) { word.append("\\") }
                        word.append(escaped)
                    } else {
                        word.append(next)
                    }
                }
                if !closed { throw ShellSyntaxError("unterminated double quote") }
            case "\\":
                inWord = true
                if let escaped = iterator.next() { word.append(escaped) } else { word.append("\\") }
            default:
                inWord = true
                word.append(scalar)
            }
        }
        endCommand(background: false)
        return commands.filter { !$0.words.isEmpty }
    }

    /// Quotes a word so that `split` gives it back unchanged (for history, help and completion).
    public static func quote(_ word: String) -> String { ShellWord.quotedForDmux(word) }
}

/// A line the shell cannot parse; the description names the offending token.
public struct ShellSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
