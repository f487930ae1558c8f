/// One lexical item of a Go template (text/template/parse/lex.go's `item`).
struct TemplateToken: Sendable {
    enum Kind: Sendable, Equatable {
        case text, leftDelim, rightDelim, space, eof
        case identifier, keyword, field, variable, dot, string, rawString, char, number, bool, nilLiteral
        case pipe, leftParen, rightParen, declare, assign, comma
    }

    var kind: Kind
    /// The source text (quotes included for strings; the decoded text for `text` after trimming).
    var text: String
    /// Byte offset in the template, for `:line:col` in errors.
    var position: Int
    var line: Int
}

/// Splits a template into tokens as Go's lexer does: text between `{{ }}` actions, trim markers
/// (`{{- ` and ` -}}`) eating the surrounding white space, comments dropped.
struct TemplateLexer {
    private let bytes: [UInt8]
    private let name: String
    private var index = 0
    private var line = 1
    private var parenDepth = 0
    private(set) var tokens: [TemplateToken] = []

    static func tokens(of source: String, name: String) throws(GoTemplateError) -> [TemplateToken] {
        var lexer = TemplateLexer(bytes: Array(source.utf8), name: name)
        try lexer.run()
        return lexer.tokens
    }

    private init(bytes: [UInt8], name: String) {
        self.bytes = bytes
        self.name = name
    }

    private mutating func run() throws(GoTemplateError) {
        var trimNextText = false
        while index < bytes.count {
            let start = index
            let open = find("{{", from: index) ?? bytes.count
            var textEnd = open
            let trimLeft = open + 3 < bytes.count && bytes[open + 2] == UInt8(ascii: "-") && Self.isSpace(bytes[open + 3])
            if trimLeft { while textEnd > start && Self.isSpace(bytes[textEnd - 1]) { textEnd -= 1 } }
            var textStart = start
            if trimNextText { while textStart < textEnd && Self.isSpace(bytes[textStart]) { textStart += 1 } }
            if textStart < textEnd { emit(.text, from: textStart, to: textEnd) }
            advanceLines(from: start, to: open)
            index = open
            trimNextText = false
            guard open < bytes.count else { break }
            index += trimLeft ? 4 : 2
            trimNextText = try action(openedAt: open)
        }
        tokens.append(TemplateToken(kind: .eof, text: "", position: bytes.count, line: line))
    }

    /// Lexes one action after its `{{`; returns whether it ended with a right trim marker.
    private mutating func action(openedAt open: Int) throws(GoTemplateError) -> Bool {
        if starts(with: "/*", at: index) {
            guard let close = find("*/", from: index + 2) else { throw error("unclosed comment") }
            advanceLines(from: index, to: close)
            index = close + 2
            if let trimmed = rightDelimiter() {
                index += trimmed ? 4 : 2
                return trimmed
            }
            throw error("comment ends before closing delimiter")
        }
        tokens.append(TemplateToken(kind: .leftDelim, text: "{{", position: open, line: line))
        parenDepth = 0
        while true {
            if let trimmed = rightDelimiter() {
                if parenDepth > 0 { throw error("unclosed left paren") }
                tokens.append(TemplateToken(kind: .rightDelim, text: "}}", position: index, line: line))
                index += trimmed ? 4 : 2
                return trimmed
            }
            guard index < bytes.count else { throw error("unclosed action") }
            try item()
        }
    }

    /// At `}}` or ` -}}`: whether it is the trimming form; nil elsewhere.
    private func rightDelimiter() -> Bool? {
        if index + 1 < bytes.count, Self.isSpace(bytes[index]), bytes[index + 1] == UInt8(ascii: "-"),
           starts(with: "}}", at: index + 2) {
            return true
        }
        return starts(with: "}}", at: index) ? false : nil
    }

    private mutating func item() throws(GoTemplateError) {
        let start = index
        let byte = bytes[index]
        switch byte {
        case _ where Self.isSpace(byte):
            while index < bytes.count, Self.isSpace(bytes[index]), rightDelimiter() != true {
                if bytes[index] == UInt8(ascii: "\n") { line += 1 }
                index += 1
            }
            emit(.space, from: start, to: index)
        case UInt8(ascii: "="): index += 1; emit(.assign, from: start, to: index)
        case UInt8(ascii: ":"):
            guard index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "=") else { throw error("expected :=") }
            index += 2; emit(.declare, from: start, to: index)
        case UInt8(ascii: "|"): index += 1; emit(.pipe, from: start, to: index)
        case UInt8(ascii: ","): index += 1; emit(.comma, from: start, to: index)
        case UInt8(ascii: "("):
            parenDepth += 1
            index += 1; emit(.leftParen, from: start, to: index)
        case UInt8(ascii: ")"):
            parenDepth -= 1
            guard parenDepth >= 0 else { throw error("unexpected right paren") }
            index += 1; emit(.rightParen, from: start, to: index)
        case UInt8(ascii: "\""): try quoted(closing: UInt8(ascii: "\""), kind: .string, what: "unterminated quoted string")
        case UInt8(ascii: "'"): try quoted(closing: UInt8(ascii: "'"), kind: .char, what: "unterminated character constant")
        case UInt8(ascii: "`"):
            guard let close = bytes[(index + 1)...].firstIndex(of: UInt8(ascii: "`")) else { throw error("unterminated raw quoted string") }
            advanceLines(from: index, to: close)
            index = close + 1
            emit(.rawString, from: start, to: index)
        case UInt8(ascii: "$"):
            index += 1
            while index < bytes.count, Self.isAlphanumeric(bytes[index]) { index += 1 }
            emit(.variable, from: start, to: index)
        case UInt8(ascii: "."):
            if index + 1 < bytes.count, Self.isDigit(bytes[index + 1]) { try number(); return }
            index += 1
            while index < bytes.count, Self.isAlphanumeric(bytes[index]) { index += 1 }
            emit(index - start == 1 ? .dot : .field, from: start, to: index)
        case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            try number()
        case _ where Self.isAlphanumeric(byte):
            while index < bytes.count, Self.isAlphanumeric(bytes[index]) { index += 1 }
            let word = String(decoding: bytes[start..<index], as: UTF8.self)
            switch word {
            case "true", "false": emit(.bool, from: start, to: index)
            case "nil": emit(.nilLiteral, from: start, to: index)
            case _ where TemplateParser.keywords.contains(word): emit(.keyword, from: start, to: index)
            default: emit(.identifier, from: start, to: index)
            }
            try requireTerminator(after: word)
        default:
            throw error("unrecognized character in action: \(Self.describe(byte))")
        }
    }

    private mutating func quoted(closing: UInt8, kind: TemplateToken.Kind, what: String) throws(GoTemplateError) {
        let start = index
        index += 1
        while true {
            guard index < bytes.count, bytes[index] != UInt8(ascii: "\n") else { throw error(what) }
            if bytes[index] == UInt8(ascii: "\\") { index += 2; continue }
            if bytes[index] == closing { break }
            index += 1
        }
        index += 1
        emit(kind, from: start, to: index)
    }

    /// Go's `scanNumber`: sign, base prefix, digits with `_`, fraction, exponent, imaginary `i`.
    private mutating func number() throws(GoTemplateError) {
        let start = index
        if bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
        var digits = "0123456789_"
        var exponent = "eE"
        if starts(with: "0x", at: index) || starts(with: "0X", at: index) {
            index += 2; digits = "0123456789abcdefABCDEF_"; exponent = "pP"
        } else if starts(with: "0o", at: index) || starts(with: "0O", at: index) {
            index += 2; digits = "01234567_"; exponent = ""
        } else if starts(with: "0b", at: index) || starts(with: "0B", at: index) {
            index += 2; digits = "01_"; exponent = ""
        }
        accept(digits)
        if accept(".") { accept(digits) }
        if !exponent.isEmpty, accept(exponent) {
            accept("+-")
            accept("0123456789_")
        }
        accept("i")
        if index < bytes.count, Self.isAlphanumeric(bytes[index]) || bytes[index] == UInt8(ascii: ".") {
            index += 1
            throw error("bad number syntax: \"\(String(decoding: bytes[start..<index], as: UTF8.self))\"")
        }
        emit(.number, from: start, to: index)
    }

    @discardableResult
    private mutating func accept(_ set: String) -> Bool {
        var any = false
        while index < bytes.count, set.utf8.contains(bytes[index]) { index += 1; any = true }
        return any
    }

    private func requireTerminator(after word: String) throws(GoTemplateError) {
        guard index < bytes.count else { return }
        let next = bytes[index]
        let terminators: [UInt8] = Array(" \t\r\n.,|:)(}".utf8)
        guard terminators.contains(next) else { throw error("bad character \(Self.describe(next))") }
    }

    private mutating func emit(_ kind: TemplateToken.Kind, from start: Int, to end: Int) {
        tokens.append(TemplateToken(kind: kind, text: String(decoding: bytes[start..<end], as: UTF8.self), position: start, line: line))
    }

    private mutating func advanceLines(from start: Int, to end: Int) {
        guard start < end else { return }
        line += bytes[start..<end].reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
    }

    private func find(_ needle: StaticString, from start: Int) -> Int? {
        var position = start
        while position < bytes.count {
            if starts(with: needle, at: position) { return position }
            position += 1
        }
        return nil
    }

    private func starts(with prefix: StaticString, at position: Int) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard position >= 0, position + count <= bytes.count else { return false }
        return prefix.withUTF8Buffer { buffer in
            (0..<count).allSatisfy { bytes[position + $0] == buffer[$0] }
        }
    }

    private func error(_ message: String) -> GoTemplateError {
        GoTemplateError("template: \(name):\(line): \(message)")
    }

    static func isSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r") || byte == UInt8(ascii: "\n")
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    /// Letters, digits and `_`; every non-ASCII byte counts as a letter (Go allows Unicode letters).
    static func isAlphanumeric(_ byte: UInt8) -> Bool {
        isDigit(byte) || byte == UInt8(ascii: "_") || byte >= 0x80
            || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z"))
    }

    /// Go's `%#U` for an ASCII byte: `U+007D '}'`.
    private static func describe(_ byte: UInt8) -> String {
        let hex = String(byte, radix: 16, uppercase: true)
        let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        return byte >= 0x20 && byte < 0x7F ? "\(code) '\(Character(Unicode.Scalar(byte)))'" : code
    }
}
