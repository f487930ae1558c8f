/// Go's `time.ParseDuration` (time/format.go): an optional sign, then one or more decimal
/// numbers each with a unit (`ns`, `us`, `µs`, `μs`, `ms`, `s`, `m`, `h`), such as `300ms`,
/// `-1.5h` or `2h45m`; a lone `0` needs no unit. The docker CLI reads `--since`, `--until`,
/// `--timeout` and every other duration flag with it, so dmux reads them the same way.
public enum GoDuration {
    /// Why a text is not a duration, in Go's words (`time: missing unit in duration "10"`).
    public struct ParseError: Error, Sendable, Hashable, CustomStringConvertible {
        public let description: String
    }

    /// The duration in nanoseconds, within Go's `time.Duration` (±(2^63−1) ns, about 292 years).
    public static func nanoseconds(_ text: String) throws(ParseError) -> Int64 {
        let invalid = ParseError(description: "time: invalid duration " + quote(text))
        var rest = Substring(text).utf8[...]
        var negative = false
        if let sign = rest.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") {
            negative = sign == UInt8(ascii: "-")
            rest = rest.dropFirst()
        }
        if rest.elementsEqual("0".utf8) { return 0 }
        guard !rest.isEmpty else { throw invalid }
        var total: UInt64 = 0
        while !rest.isEmpty {
            guard let first = rest.first, first == UInt8(ascii: ".") || isDigit(first) else { throw invalid }
            // The whole part; more than 2^63 is out of range.
            var whole: UInt64 = 0
            let wholeDigits = rest.prefix(while: isDigit)
            for digit in wholeDigits {
                let (times10, overflow) = whole.multipliedReportingOverflow(by: 10)
                guard !overflow, times10 <= 1 << 63, times10 + UInt64(digit - 48) <= 1 << 63 else { throw invalid }
                whole = times10 + UInt64(digit - 48)
            }
            rest = rest.dropFirst(wholeDigits.count)
            // The fraction; digits past what a UInt64 holds are read and dropped, as Go does.
            var fraction: UInt64 = 0
            var scale = 1.0
            var fractionDigits = 0
            if rest.first == UInt8(ascii: ".") {
                rest = rest.dropFirst()
                var overflowed = false
                let digits = rest.prefix(while: isDigit)
                for digit in digits where !overflowed {
                    let (times10, overflow) = fraction.multipliedReportingOverflow(by: 10)
                    let (next, carry) = times10.addingReportingOverflow(UInt64(digit - 48))
                    if overflow || carry || next > 1 << 63 { overflowed = true; continue }
                    fraction = next
                    scale *= 10
                }
                fractionDigits = digits.count
                rest = rest.dropFirst(digits.count)
            }
            guard !wholeDigits.isEmpty || fractionDigits > 0 else { throw invalid }  // ".s", "-.s"
            let unitText = rest.prefix { $0 != UInt8(ascii: ".") && !isDigit($0) }
            let unitName = String(decoding: unitText, as: UTF8.self)
            guard !unitText.isEmpty else {
                throw ParseError(description: "time: missing unit in duration " + quote(text))
            }
            guard let unit = units[unitName] else {
                throw ParseError(description: "time: unknown unit " + quote(unitName) + " in duration " + quote(text))
            }
            rest = rest.dropFirst(unitText.count)
            guard whole <= (1 << 63) / unit else { throw invalid }
            var value = whole * unit
            if fraction > 0 {
                // A float64 keeps a fraction of an hour accurate to the nanosecond.
                value += UInt64(Double(fraction) * (Double(unit) / scale))
                guard value <= 1 << 63 else { throw invalid }
            }
            let (sum, carry) = total.addingReportingOverflow(value)
            guard !carry, sum <= 1 << 63 else { throw invalid }
            total = sum
        }
        if negative { return total == 1 << 63 ? Int64.min : -Int64(total) }
        guard total <= UInt64(Int64.max) else { throw invalid }
        return Int64(total)
    }

    /// The duration in seconds.
    public static func seconds(_ text: String) throws(ParseError) -> Double {
        Double(try nanoseconds(text)) / 1e9
    }

    private static let units: [String: UInt64] = [
        "ns": 1, "us": 1_000, "\u{00B5}s": 1_000, "\u{03BC}s": 1_000, "ms": 1_000_000,
        "s": 1_000_000_000, "m": 60_000_000_000, "h": 3_600_000_000_000,
    ]

    /// The time package's own `quote`: printable ASCII kept (`"` and `\` escaped), every other
    /// byte as `\xNN`.
    private static func quote(_ text: String) -> String {
        var out = "\""
        for byte in text.utf8 {
            if byte >= 0x80 || byte < 0x20 {
                out += "\\x" + (byte < 0x10 ? "0" : "") + String(byte, radix: 16)
            } else {
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { out += "\\" }
                out.unicodeScalars.append(Unicode.Scalar(byte))
            }
        }
        return out + "\""
    }

    private static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
}
