import Foundation

/// A decoded JSON object with Go's `encoding/json` key matching: exact key first, else the first
/// case-insensitive match. docker and docker-machine files are read by Go with that rule, so both
/// `"Name"` and `"name"` must load.
struct JSONObject: Sendable {
    let storage: [String: JSONValue]

    init(_ storage: [String: JSONValue]) { self.storage = storage }

    enum ParseError: Error, CustomStringConvertible {
        case malformed(String)
        case notAnObject

        var description: String {
            switch self {
            case .malformed(let reason): return "malformed JSON: \(reason)"
            case .notAnObject: return "malformed JSON: top level is not an object"
            }
        }
    }

    /// Parses `data` as one JSON object; truncated or invalid input is an error, not an empty object.
    static func parse(_ data: Data) throws(ParseError) -> JSONObject {
        if data.allSatisfy({ $0 == 0x20 || $0 == 0x0a || $0 == 0x0d || $0 == 0x09 }) {
            throw .malformed("file is empty")
        }
        let value: JSONValue
        do {
            value = try JSONDecoder().decode(JSONValue.self, from: data)
        } catch let DecodingError.dataCorrupted(context) {
            if let last = data.last(where: { $0 > 0x20 }), last != UInt8(ascii: "}") {
                throw .malformed("unexpected end of data (truncated file?)")
            }
            let underlying = (context.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey] as? String
            throw .malformed(underlying ?? context.debugDescription)
        } catch {
            // Foundation's other DecodingErrors describe themselves with Swift type names.
            throw .malformed("not valid JSON")
        }
        guard case .object(let object) = value else { throw .notAnObject }
        return JSONObject(object)
    }

    /// Go struct-field matching.
    subscript(key: String) -> JSONValue? {
        if let exact = storage[key] { return exact }
        let lower = key.lowercased()
        return storage.first { $0.key.lowercased() == lower }?.value
    }

    func string(_ key: String) -> String? {
        if case .string(let s)? = self[key] { return s }
        return nil
    }

    func object(_ key: String) -> JSONObject? {
        if case .object(let o)? = self[key] { return JSONObject(o) }
        return nil
    }

    /// Go `map[string]…` matching: exact keys only.
    func exactObject(_ key: String) -> JSONObject? {
        if case .object(let o)? = storage[key] { return JSONObject(o) }
        return nil
    }

    func bool(_ key: String) -> Bool? {
        if case .bool(let b)? = self[key] { return b }
        return nil
    }

    /// Integers only (a JSON number with no fraction).
    func int(_ key: String) -> Int? {
        if case .number(let d)? = self[key], d == d.rounded(), abs(d) < 1e15 { return Int(d) }
        return nil
    }
}

/// Any JSON value; decoding keeps booleans and numbers apart.
enum JSONValue: Decodable, Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// The value as a diagnostic shows it: numbers as written (integers without `.0`), strings
    /// quoted with control characters escaped, containers by kind.
    var shortDescription: String {
        switch self {
        case .null: "null"
        case .bool(let b): "\(b)"
        case .number(let d): d == d.rounded() && abs(d) < 1e15 ? "\(Int(d))" : "\(d)"
        case .string(let s): "\"" + s.escapingControlCharacters + "\""
        case .array: "(an array)"
        case .object: "(an object)"
        }
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let b = try? container.decode(Bool.self) {
            self = .bool(b)
        } else if let d = try? container.decode(Double.self) {
            self = .number(d)
        } else if let s = try? container.decode(String.self) {
            self = .string(s)
        } else if let a = try? container.decode([JSONValue].self) {
            self = .array(a)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }
}
