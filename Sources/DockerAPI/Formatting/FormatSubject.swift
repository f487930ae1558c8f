import Core

/// Something a `--format` template can render: a record with docker's Go field names.
public protocol FormatSubject: Sendable {
    /// "container", "image"… for error messages.
    static var subjectName: String { get }
    /// docker's Go type for these rows, as its template errors name it (`*formatter.ContainerContext`).
    static var goTypeName: String { get }
    /// docker's words before a template error found before anything is sent.
    static func templateErrorPrefix(_ phase: FormatTemplateError.Phase) -> String
    /// Field name → table header, as docker's `SubHeaderContext`.
    static var headers: [String: String] { get }
    /// The value of `{{.Name}}`, or nil if there is no such field.
    func field(_ name: String) -> String?
    /// `{{.Label "key"}}`; nil when the subject has no labels at all.
    func label(_ key: String) -> String?
    /// Fields whose Go value is a nil pointer: `null` in `{{json .}}`.
    var nullFields: [String] { get }
}

extension FormatSubject {
    public func label(_ key: String) -> String? { nil }
    public var nullFields: [String] { [] }

    /// docker's words before a template error found before anything is sent (most commands say
    /// `template parsing error`, from cli/command/formatter/formatter.go).
    public static func templateErrorPrefix(_ phase: FormatTemplateError.Phase) -> String { "template parsing error: " }

    /// Whether the rows have docker's `.Label "key"` method.
    static var hasLabels: Bool { headers["Labels"] != nil }

    /// `{{json .}}`: every field, keys sorted, all string values (docker's `MarshalJSON`).
    public var jsonObject: String {
        var fields: [String: JSONValue] = [:]
        for name in Self.headers.keys {
            if let value = field(name) { fields[name] = .string(value) }
        }
        for name in nullFields where fields[name] == nil { fields[name] = .null }
        return JSONValue.object(fields.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }).compact(escapingHTML: true)
    }
}

/// Shared docker CLI column rules.
public enum DockerColumns {
    /// A LABELS cell: `key=value` pairs joined by commas (sorted; Go's map order is random).
    public static func labels(_ labels: [String: String]) -> String {
        labels.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: ",")
    }

    /// `stringid.TruncateID`: drop an `algo:` prefix, keep 12 characters.
    public static func truncateID(_ id: String) -> String {
        var s = Substring(id)
        if let colon = s.firstIndex(of: ":") { s = s[s.index(after: colon)...] }
        return String(s.prefix(12))
    }

    /// `formatter.Ellipsis` for ASCII/narrow text: cut to `width` display columns ending in "…".
    public static func ellipsis(_ s: String, _ width: Int) -> String {
        if width <= 0 { return "" }
        let chars = Array(s)
        if width == 1 { return chars.first.map(String.init) ?? "" }
        var total = 0
        var cut: Int?
        for (i, ch) in chars.enumerated() {
            let w = displayWidth(ch)
            if cut == nil && total + w > width - 1 { cut = i }
            total += w
        }
        if total <= width { return s }
        return String(chars[..<(cut ?? chars.count)]) + "…"
    }

    /// East Asian wide and fullwidth characters take two columns, as in `charWidth`.
    static func displayWidth(_ ch: Character) -> Int {
        guard let v = ch.unicodeScalars.first?.value else { return 1 }
        switch v {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
             0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD:
            return 2
        default:
            return 1
        }
    }
}

import Foundation
