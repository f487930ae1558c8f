/// Strings encoded as Go's `encoding/json` encodes them (encode.go `appendString`), so JSON that
/// dmux writes (through `JSONValue`, or the docker-machine `config.json` template) is
/// byte-identical to docker's and docker-machine's.
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

    private static func unicodeEscape(_ v: UInt32) -> String {
        let hex = String(v, radix: 16)
        return "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
