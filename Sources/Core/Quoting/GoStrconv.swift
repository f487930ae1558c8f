/// Go's `strconv.Quote`, which `%q` and docker-machine's `config` output use: printable text
/// kept, `"` and `\` escaped, controls as `\n`, `\a`, `\xNN`.
public enum GoStrconv {
    public static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            if let escape = sharedEscape(scalar) { out += escape; continue }
            switch scalar {
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

    /// The escapes `strconv.Quote` and `encoding/json` write alike: `\"`, `\\`, `\n`, `\r`, `\t`.
    static func sharedEscape(_ scalar: Unicode.Scalar) -> String? {
        switch scalar {
        case "\"": "\\\""
        case "\\": "\\\\"
        case "\n": "\\n"
        case "\r": "\\r"
        case "\t": "\\t"
        default: nil
        }
    }
}
