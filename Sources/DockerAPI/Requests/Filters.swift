import Core
import Foundation

/// Engine API `filters`: values of one key are OR-ed, different keys AND-ed (moby daemon/internal/filters/parse.go).
public struct Filters: Sendable, Hashable {
    public private(set) var values: [String: Set<String>] = [:]

    public init() {}

    public init(_ pairs: [(String, String)]) {
        for (k, v) in pairs { add(k, v) }
    }

    public var isEmpty: Bool { values.isEmpty }

    public mutating func add(_ key: String, _ value: String) {
        values[key, default: []].insert(value)
    }

    /// Adds one `--filter key=value` argument the way the docker CLI parses it (`opts.FilterOpt`):
    /// split at the first `=`, key trimmed and lower-cased, value trimmed.
    public mutating func parse(_ argument: String) throws(FilterParseError) {
        guard let eq = argument.firstIndex(of: "=") else { throw FilterParseError(argument: argument) }
        let key = argument[..<eq].trimmingCharacters(in: .whitespaces).lowercased()
        let value = argument[argument.index(after: eq)...].trimmingCharacters(in: .whitespaces)
        add(key, value)
    }

    /// The canonical map-of-maps JSON the CLI sends, keys sorted like Go's `json.Marshal`:
    /// `{"label":{"a=b":true},"name":{"web-c1":true}}`. Nil when empty: omit the parameter.
    public var queryValue: String? {
        guard !values.isEmpty else { return nil }
        let members = values.keys.sorted().map { key in
            (key, JSONValue.object(values[key, default: []].sorted().map { ($0, .bool(true)) }))
        }
        return JSONValue.object(members).compact(escapingHTML: true)
    }

    /// `filters=<json>` as a query item, or nothing.
    var queryItems: [QueryItem] {
        queryValue.map { [QueryItem("filters", $0)] } ?? []
    }
}

/// A `--filter` argument without `=`.
public struct FilterParseError: Error, Sendable, Hashable, CustomStringConvertible {
    public var argument: String
    public var description: String { "bad format of filter (expected name=value): \(argument)" }
}
