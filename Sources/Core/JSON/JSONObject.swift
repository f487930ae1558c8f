/// A JSON object read the way Go's `encoding/json` fills a struct from it: a field takes the
/// member whose key matches its name exactly, else one whose key matches ignoring case
/// (encoding/json decode.go `object`). docker and docker-machine read their files that way, so
/// both `"Name"` and `"name"` must load.
public struct JSONObject: Sendable {
    public let members: [(String, JSONValue)]

    public init(_ members: [(String, JSONValue)]) { self.members = members }

    public enum ParseError: Error, Sendable, CustomStringConvertible {
        case malformed(String)
        case notAnObject

        public var description: String {
            switch self {
            case .malformed(let reason): "malformed JSON: \(reason)"
            case .notAnObject: "malformed JSON: top level is not an object"
            }
        }
    }

    /// Parses `bytes` as one JSON object; truncated or invalid input is an error, not an empty object.
    public static func parse(_ bytes: some Collection<UInt8>) throws(ParseError) -> JSONObject {
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x0a || $0 == 0x0d || $0 == 0x09 }
        if bytes.allSatisfy(isSpace) { throw .malformed("file is empty") }
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes)
        } catch {
            if let last = bytes.reversed().first(where: { !isSpace($0) }), last != UInt8(ascii: "}") {
                throw .malformed("unexpected end of data (truncated file?)")
            }
            throw .malformed(error.description)
        }
        guard case .object(let members) = value else { throw .notAnObject }
        return JSONObject(members)
    }

    /// Go struct-field matching: the exact key, else the last key equal ignoring case (a later
    /// member overwrites an earlier one, as Go's decoder assigns them in order).
    public subscript(key: String) -> JSONValue? {
        if let exact = members.last(where: { $0.0 == key }) { return exact.1 }
        let lower = key.lowercased()
        return members.last { $0.0.lowercased() == lower }?.1
    }

    public func string(_ key: String) -> String? {
        if case .string(let text)? = self[key] { return text }
        return nil
    }

    public func object(_ key: String) -> JSONObject? {
        if case .object(let members)? = self[key] { return JSONObject(members) }
        return nil
    }

    /// Go `map[string]…` matching: exact keys only.
    public func exactObject(_ key: String) -> JSONObject? {
        if case .object(let members)? = members.last(where: { $0.0 == key })?.1 { return JSONObject(members) }
        return nil
    }

    public func bool(_ key: String) -> Bool? {
        if case .bool(let value)? = self[key] { return value }
        return nil
    }

    /// Integers only (a JSON number with no fraction).
    public func int(_ key: String) -> Int? {
        if case .number(let text)? = self[key], let number = Double(text), number == number.rounded(), abs(number) < 1e15 {
            return Int(number)
        }
        return nil
    }

    /// The strings of an array of strings; nil when the member is missing or holds anything else.
    public func strings(_ key: String) -> [String]? {
        guard case .array(let items)? = self[key] else { return nil }
        var strings: [String] = []
        for item in items {
            guard case .string(let text) = item else { return nil }
            strings.append(text)
        }
        return strings
    }
}

extension JSONValue {
    /// The value as a diagnostic shows it: numbers as Go's `%v` of a float64 shows them
    /// (integers without `.0`, `1e+300`), strings quoted with control characters escaped,
    /// containers by kind.
    public var shortDescription: String {
        switch self {
        case .null: "null"
        case .bool(let value): "\(value)"
        case .number(let text):
            if let number = Double(text) { number == number.rounded() && abs(number) < 1e15 ? "\(Int(number))" : "\(number)" } else { text }
        case .string(let text): "\"" + text.escapingControlCharacters + "\""
        case .array: "(an array)"
        case .object: "(an object)"
        }
    }
}
