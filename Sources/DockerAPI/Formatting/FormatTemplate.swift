/// A tiny `--format` renderer for the Go-template subset people use with docker:
/// `{{.Field}}`, `{{.Label "key"}}`, `{{json .}}`, `{{json .Field}}`, `{{upper .F}}`,
/// `{{lower .F}}`, `{{truncate .F n}}`, the `table ` prefix, and the `json` shorthand.
public struct FormatTemplate: Sendable, Hashable {
    enum Piece: Sendable, Hashable {
        case text(String)
        case field(String)
        case label(String)
        case jsonWhole
        case jsonField(String)
        case upper(String)
        case lower(String)
        case truncate(String, Int)
    }

    public let isTable: Bool
    let pieces: [Piece]

    /// Parses `source` (`\t` and `\n` typed literally become tab and newline, as in docker).
    public init(_ source: String) throws(FormatTemplateError) {
        var body = source
        if source == "json" {
            body = "{{json .}}"
            isTable = false
        } else if source.hasPrefix("table") {
            body = String(source.dropFirst(5))
            isTable = true
        } else {
            isTable = false
        }
        body = body.trimmingCharacters(in: [" "])
            .replacingOccurrences(of: "\\t", with: "\t")
            .replacingOccurrences(of: "\\n", with: "\n")
        pieces = try Self.parse(body)
    }

    private static func parse(_ s: String) throws(FormatTemplateError) -> [Piece] {
        var pieces: [Piece] = []
        var rest = Substring(s)
        while let open = rest.range(of: "{{") {
            if open.lowerBound > rest.startIndex { pieces.append(.text(String(rest[..<open.lowerBound]))) }
            guard let close = rest[open.upperBound...].range(of: "}}") else {
                throw FormatTemplateError("template: unclosed action in \"\(s)\"")
            }
            var action = String(rest[open.upperBound..<close.lowerBound])
            if action.hasPrefix("-") { action.removeFirst() }
            if action.hasSuffix("-") { action.removeLast() }
            pieces.append(try parseAction(action.trimmingCharacters(in: .whitespaces)))
            rest = rest[close.upperBound...]
        }
        if !rest.isEmpty { pieces.append(.text(String(rest))) }
        return pieces
    }

    private static func parseAction(_ action: String) throws(FormatTemplateError) -> Piece {
        let words = action.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        func fieldName(_ w: String) throws(FormatTemplateError) -> String {
            guard w.hasPrefix("."), w.count > 1 else { throw FormatTemplateError("template: expected a field like .ID in {{\(action)}}") }
            return String(w.dropFirst())
        }
        switch words.first {
        case "json" where words.count == 2 && words[1] == ".": return .jsonWhole
        case "json" where words.count == 2: return .jsonField(try fieldName(words[1]))
        case "upper" where words.count == 2: return .upper(try fieldName(words[1]))
        case "lower" where words.count == 2: return .lower(try fieldName(words[1]))
        case "truncate" where words.count == 3:
            // A negative length made `prefix(_:)` trap (docker's template panics on it).
            guard let n = Int(words[2]), n >= 0 else { throw FormatTemplateError("template: truncate needs a length in {{\(action)}}") }
            return .truncate(try fieldName(words[1]), n)
        case ".Label" where words.count >= 2:
            let key = words.dropFirst().joined(separator: " ")
            guard key.count >= 2, key.hasPrefix("\""), key.hasSuffix("\"") else {
                throw FormatTemplateError("template: .Label needs a quoted key in {{\(action)}}")
            }
            return .label(String(key.dropFirst().dropLast()))
        default:
            guard words.count == 1 else { throw FormatTemplateError("template: unsupported action {{\(action)}}") }
            return .field(try fieldName(words[0]))
        }
    }

    /// Renders all subjects: a header line first for `table` formats, aligned like docker.
    public func render<S: FormatSubject>(_ subjects: [S]) throws(FormatTemplateError) -> String {
        var lines: [String] = []
        if isTable { lines.append(try header(for: S.self)) }
        for s in subjects { lines.append(try render(s)) }
        let text = lines.map { $0 + "\n" }.joined()
        return isTable ? TabWriter.table.format(text) : text
    }

    /// One subject, without the trailing newline.
    public func render<S: FormatSubject>(_ subject: S) throws(FormatTemplateError) -> String {
        var out = ""
        for piece in pieces {
            switch piece {
            case .text(let t): out += t
            case .field(let f): out += try value(f, subject)
            case .label(let k): out += subject.label(k) ?? ""
            case .jsonWhole: out += subject.jsonObject
            case .jsonField(let f): out += GoJSON.quote(try value(f, subject))
            case .upper(let f): out += try value(f, subject).uppercased()
            case .lower(let f): out += try value(f, subject).lowercased()
            case .truncate(let f, let n): out += String(try value(f, subject).prefix(n))
            }
        }
        return out
    }

    /// The table header: each field replaced by its column name.
    public func header<S: FormatSubject>(for _: S.Type) throws(FormatTemplateError) -> String {
        var out = ""
        for piece in pieces {
            switch piece {
            case .text(let t): out += t
            case .field(let f), .jsonField(let f), .upper(let f), .lower(let f), .truncate(let f, _):
                guard let h = S.headers[f] else { throw unknown(f, S.self) }
                out += h
            case .label(let k):
                // SubHeaderContext.Label: last dotted part, '-' and '_' as spaces.
                out += (k.split(separator: ".").last.map(String.init) ?? k)
                    .replacingOccurrences(of: "-", with: " ").replacingOccurrences(of: "_", with: " ")
            case .jsonWhole: break
            }
        }
        return out
    }

    private func value<S: FormatSubject>(_ f: String, _ s: S) throws(FormatTemplateError) -> String {
        guard let v = s.field(f) else { throw unknown(f, S.self) }
        return v
    }

    private func unknown<S: FormatSubject>(_ f: String, _: S.Type) -> FormatTemplateError {
        FormatTemplateError("template: unknown field .\(f) for \(S.subjectName)s (available: "
            + S.headers.keys.sorted().map { "." + $0 }.joined(separator: " ") + ")")
    }
}

/// A `--format` string that cannot be parsed or names a field that does not exist.
public struct FormatTemplateError: Error, Sendable, Hashable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

import Foundation
