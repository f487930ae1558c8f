/// A JSON value that keeps object keys in order, so what the engine sent reads back the same way
/// (`inspect`, `api`) and every NDJSON record can start with `host`. Parse text with
/// `JSONParser` to keep the engine's key order; decoding through `Decodable` cannot.
public indirect enum JSONValue: Sendable, Hashable, Decodable {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case (.bool(let a), .bool(let b)): a == b
        case (.number(let a), .number(let b)): a == b
        case (.string(let a), .string(let b)): a == b
        case (.array(let a), .array(let b)): a == b
        case (.object(let a), .object(let b)): a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: false
        }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(compact)
    }

    public static func int(_ value: Int) -> JSONValue { .number(String(value)) }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int64.self) {
            self = .number(String(value))
        } else if let value = try? container.decode(Double.self) {
            self = .number(String(value))
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self).sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
        }
    }

    /// A scalar as Go's `%v` shows it; nil for arrays and objects.
    public var text: String? {
        switch self {
        case .null: ""
        case .bool(let value): String(value)
        case .number(let text): text
        case .string(let text): text
        case .array, .object: nil
        }
    }

    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.0 == key }?.1
    }

    public var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// This object with `host` as its first key (replacing any `host` it had).
    public func tagged(host: String) -> JSONValue {
        guard case .object(let members) = self else { return .object([("host", .string(host)), ("value", self)]) }
        return .object([("host", .string(host))] + members.filter { $0.0 != "host" })
    }

    /// One line, as NDJSON needs, `<`, `>` and `&` kept as they are.
    public var compact: String { compact(escapingHTML: false) }

    /// One line; with `escapingHTML` byte-identical to Go's `json.Marshal` of the same members
    /// in the same order (a struct's fields, or a map's keys sorted), which escapes `<`, `>`, `&`.
    public func compact(escapingHTML: Bool) -> String {
        var out = ""
        write(into: &out, indent: nil, level: 0, escapingHTML: escapingHTML)
        return out
    }

    /// Indented with `indent` per level, as `docker inspect` prints.
    public func pretty(indent: String = "    ") -> String {
        var out = ""
        write(into: &out, indent: indent, level: 0, escapingHTML: false)
        return out
    }

    private func write(into out: inout String, indent: String?, level: Int, escapingHTML: Bool) {
        switch self {
        case .null: out += "null"
        case .bool(let value): out += value ? "true" : "false"
        case .number(let text): out += text
        case .string(let text): out += GoJSON.quote(text, htmlSafe: escapingHTML)
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            out += "["
            for (index, item) in items.enumerated() {
                if index > 0 { out += "," }
                Self.newline(&out, indent, level + 1)
                item.write(into: &out, indent: indent, level: level + 1, escapingHTML: escapingHTML)
            }
            Self.newline(&out, indent, level)
            out += "]"
        case .object(let members):
            if members.isEmpty { out += "{}"; return }
            out += "{"
            for (index, (key, value)) in members.enumerated() {
                if index > 0 { out += "," }
                Self.newline(&out, indent, level + 1)
                out += GoJSON.quote(key, htmlSafe: escapingHTML)
                out += indent == nil ? ":" : ": "
                value.write(into: &out, indent: indent, level: level + 1, escapingHTML: escapingHTML)
            }
            Self.newline(&out, indent, level)
            out += "}"
        }
    }

    private static func newline(_ out: inout String, _ indent: String?, _ level: Int) {
        guard let indent else { return }
        out += "\n" + String(repeating: indent, count: level)
    }
}
