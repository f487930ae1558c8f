/// Floating-point text as Go's `strconv.FormatFloat` writes it with the shortest precision
/// (`%v`, `%g` and `encoding/json`), from the shortest round-trip digits Swift already finds.
enum GoFloat {
    /// Shortest decimal digits of `value`: value = 0.d₁d₂… × 10^point.
    struct Digits {
        var negative: Bool
        var digits: [UInt8]  // ASCII, no leading or trailing zeros; empty for zero
        var point: Int
    }

    /// `%v` / `%g` shortest: `%e` when the exponent is below -4 or at least 6 (strconv/ftoa.go:
    /// "if precision was the shortest possible, use precision 6 for this decision").
    static func formatG(_ value: Double) -> String {
        if let special = special(value) { return special }
        let d = digits(value)
        if d.digits.isEmpty { return d.negative ? "-0" : "0" }
        let exponent = d.point - 1
        if exponent < -4 || exponent >= 6 { return formatE(d) }
        return formatF(d)
    }

    /// `encoding/json`'s float text: `'f'` between 1e-6 and 1e21, else `'e'` with `e-7`, not `e-07`.
    static func json(_ value: Double) -> String {
        if let special = special(value) { return special }
        let magnitude = abs(value)
        let d = digits(value)
        if d.digits.isEmpty { return d.negative ? "-0" : "0" }
        guard magnitude < 1e-6 || magnitude >= 1e21 else { return formatF(d) }
        var text = formatE(d)
        if let e = text.lastIndex(of: "e"), text[text.index(after: e)...].hasPrefix("-0") {
            text.remove(at: text.index(e, offsetBy: 2))
        }
        return text
    }

    private static func special(_ value: Double) -> String? {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Inf" : "+Inf" }
        return nil
    }

    /// d.ddde±XX with every significant digit.
    private static func formatE(_ d: Digits) -> String {
        var out = d.negative ? "-" : ""
        out.unicodeScalars.append(Unicode.Scalar(d.digits[0]))
        if d.digits.count > 1 {
            out += "."
            out += String(decoding: d.digits[1...], as: UTF8.self)
        }
        let exponent = d.point - 1
        let magnitude = String(abs(exponent))
        return out + (exponent < 0 ? "e-" : "e+") + (magnitude.count < 2 ? "0" : "") + magnitude
    }

    /// ddd.ddd with every significant digit and no exponent.
    private static func formatF(_ d: Digits) -> String {
        var out = d.negative ? "-" : ""
        if d.point <= 0 {
            out += "0." + String(repeating: "0", count: -d.point) + String(decoding: d.digits, as: UTF8.self)
        } else if d.point >= d.digits.count {
            out += String(decoding: d.digits, as: UTF8.self) + String(repeating: "0", count: d.point - d.digits.count)
        } else {
            out += String(decoding: d.digits[..<d.point], as: UTF8.self) + "."
                + String(decoding: d.digits[d.point...], as: UTF8.self)
        }
        return out
    }

    /// Parses Swift's shortest round-trip description (`1234567.0`, `1e-05`, `5e-324`).
    static func digits(_ value: Double) -> Digits {
        let text = Array(abs(value).description.utf8)
        var mantissa = text[...]
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }) {
            mantissa = text[..<e]
            exponent = Int(String(decoding: text[(e + 1)...], as: UTF8.self)) ?? 0
        }
        var digits: [UInt8] = []
        var point: Int?
        for byte in mantissa {
            if byte == UInt8(ascii: ".") { point = digits.count } else { digits.append(byte) }
        }
        var position = (point ?? digits.count) + exponent
        while let first = digits.first, first == UInt8(ascii: "0") {
            digits.removeFirst()
            position -= 1
        }
        while let last = digits.last, last == UInt8(ascii: "0") { digits.removeLast() }
        return Digits(negative: value.sign == .minus, digits: digits, point: digits.isEmpty ? 0 : position)
    }
}
