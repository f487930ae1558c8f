import Core

/// A value as a Go template sees it (Go's `text/template` over `reflect.Value`).
///
/// Engine answers arrive as JSON, so most values are JSON's: numbers without a fraction or an
/// exponent become `int`, as the engine's typed Go fields would be. docker's list rows (ps, images…)
/// are `record`s whose fields and methods the row type answers.
public indirect enum TemplateValue: Sendable {
    /// Go's invalid `reflect.Value`: a missing map key. Prints `<no value>`.
    case missing
    /// A nil interface (JSON `null`). Prints `<nil>`.
    case null
    case bool(Bool)
    case int(Int)
    case float(Double)
    case string(String)
    case list([TemplateValue])
    /// A JSON object, in the engine's key order (its struct order, or sorted for Go maps).
    case map([(key: String, value: TemplateValue)])
    case record(any TemplateRecord)

    /// The engine's JSON as Go's `map[string]any` would hold it, with integers kept integral.
    public init(_ json: JSONValue) {
        switch json {
        case .null: self = .null
        case .bool(let value): self = .bool(value)
        case .number(let text): self = Self.number(text)
        case .string(let text): self = .string(text)
        case .array(let items): self = .list(items.map(TemplateValue.init))
        case .object(let members): self = .map(members.map { (key: $0.0, value: TemplateValue($0.1)) })
        }
    }

    /// A JSON number's text as an `int` when it has no fraction or exponent and fits, else a float.
    static func number(_ text: String) -> TemplateValue {
        if !text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }), let value = Int(text) {
            return .int(value)
        }
        return .float(Double(text) ?? 0)
    }

    /// Go's truth for `if`, `with`, `and`, `or` and `not`: the zero value and empty things are false.
    var isTrue: Bool {
        switch self {
        case .missing, .null: false
        case .bool(let value): value
        case .int(let value): value != 0
        case .float(let value): value != 0
        case .string(let value): !value.isEmpty
        case .list(let items): !items.isEmpty
        case .map(let members): !members.isEmpty
        case .record: true
        }
    }

    /// The Go type name used in error texts (`can't evaluate field X in type string`).
    var goTypeName: String {
        switch self {
        case .missing: "<invalid reflect.Value>"
        case .null: "interface {}"
        case .bool: "bool"
        case .int: "int"
        case .float: "float64"
        case .string: "string"
        case .list: "[]interface {}"
        case .map: "map[string]interface {}"
        case .record(let record): record.goTypeName
        }
    }

    /// Whether a JSON object is one of the engine's Go structs (exported, capitalised field names)
    /// rather than a Go map such as `Labels`, where a missing key is no error.
    static func looksLikeStruct(_ members: [(key: String, value: TemplateValue)]) -> Bool {
        !members.isEmpty && members.allSatisfy { $0.key.first.map { $0.isASCII && $0.isUppercase } ?? false }
    }

    /// The members sorted by key: Go ranges over and prints maps in key order.
    var sortedMembers: [(key: String, value: TemplateValue)] {
        guard case .map(let members) = self else { return [] }
        return members.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
    }
}

/// A Go struct a template can look into: docker's row contexts (`ContainerContext`…), whose fields
/// are methods returning text, some with arguments (`.Label "key"`).
public protocol TemplateRecord: Sendable {
    /// Go's name for the type, for error texts: `*formatter.ContainerContext`.
    var goTypeName: String { get }
    /// The field or method `name` called with `arguments`; nil when the type has no such member.
    func member(_ name: String, arguments: [TemplateValue]) throws(TemplateFunctionError) -> TemplateValue?
    /// What `{{json .}}` prints for the record.
    var jsonText: String { get }
}
