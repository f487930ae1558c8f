/// Strings and flat objects encoded as Go's `encoding/json` encodes them (encode.go
/// `appendString`), so hand-built JSON (filters, `{{json .}}`, a docker-machine `config.json`,
/// a credential helper's input) is byte-identical to docker's and docker-machine's.
public enum GoJSON {
    /// A JSON string: HTML-safe (`<`, `>`, `&`, U+2028/9 as `\u` escapes, as `json.Marshal`
    /// does) unless `htmlSafe` is false (an `Encoder` with `SetEscapeHTML(false)`).
    public static func quote(_ s: String, htmlSafe: Bool = true) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            if let escape = GoStrconv.sharedEscape(scalar) { out += escape; continue }
            switch scalar {
            case "<", ">", "&", "\u{2028}", "\u{2029}":
                if htmlSafe { out += unicodeEscape(scalar.value) } else { out.unicodeScalars.append(scalar) }
            default:
                if scalar.value < 0x20 {
                    out += unicodeEscape(scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// An object of string fields in the order given, as Go marshals a struct's fields.
    public static func object(fields: [(String, String)]) -> String {
        "{" + fields.map { quote($0.0) + ":" + quote($0.1) }.joined(separator: ",") + "}"
    }

    /// An object of string values with keys sorted, as Go marshals a map; `nulls` are keys whose
    /// value is a nil pointer.
    public static func object(_ fields: [String: String], nulls: [String] = []) -> String {
        let keys = Set(fields.keys).union(nulls).sorted()
        return "{" + keys.map { quote($0) + ":" + (fields[$0].map { quote($0) } ?? "null") }.joined(separator: ",") + "}"
    }

    private static func unicodeEscape(_ v: UInt32) -> String {
        let hex = String(v, radix: 16)
        return "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
