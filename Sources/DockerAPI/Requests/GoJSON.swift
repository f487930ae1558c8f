/// Strings quoted the way Go quotes them, so hand-built JSON (filters, `{{json .}}`, a
/// docker-machine `config.json`) and `%q` output are byte-identical to docker's and docker-machine's.
public enum GoJSON {
    /// `encoding/json`: HTML-safe (`<`, `>`, `&`, U+2028/9 as `\u` escapes) unless `htmlSafe` is false.
    public static func quote(_ s: String, htmlSafe: Bool = true) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
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

    /// `strconv.Quote` (`%q`): printable text kept, `"` and `\` escaped, controls as `\n`, `\xNN`.
    public static func strconvQuote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{07}": out += "\\a"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "\u{0B}": out += "\\v"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\x" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16)
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

    /// An object of string values with sorted keys (Go marshals maps in key order).
    /// Keys sorted as Go sorts a map's; `nulls` are keys whose value is a nil pointer.
    static func object(_ fields: [String: String], nulls: [String] = []) -> String {
        let keys = Set(fields.keys).union(nulls).sorted()
        return "{" + keys.map { quote($0) + ":" + (fields[$0].map { quote($0) } ?? "null") }.joined(separator: ",") + "}"
    }
}
