import Core
import Foundation

/// Go's `fmt.Sprintf`, `Sprint` and `Sprintln` over template values (the `printf`, `print` and
/// `println` functions), with fmt's `%!verb(type=value)` texts for mismatches.
enum GoPrintf {
    /// `fmt.Sprint`: operands joined, with a space between two operands when neither is a string.
    static func sprint(_ arguments: [TemplateValue]) -> String {
        var out = ""
        for (index, argument) in arguments.enumerated() {
            if index > 0, !argument.isString, !arguments[index - 1].isString { out += " " }
            out += argument.printedForFmt
        }
        return out
    }

    /// `fmt.Sprintln`: always a space between operands, and a newline after them.
    static func sprintln(_ arguments: [TemplateValue]) -> String {
        arguments.map(\.printedForFmt).joined(separator: " ") + "\n"
    }

    static func sprintf(_ format: String, _ arguments: [TemplateValue]) -> String {
        var out = ""
        var next = 0
        let scalars = Array(format.unicodeScalars)
        var position = 0
        while position < scalars.count {
            let scalar = scalars[position]
            position += 1
            guard scalar == "%" else { out.unicodeScalars.append(scalar); continue }
            var spec = Spec()
            while position < scalars.count, let flag = Spec.Flag(rawValue: Character(scalars[position])) {
                spec.flags.insert(flag)
                position += 1
            }
            spec.width = number(scalars, &position, arguments, &next)
            if position < scalars.count, scalars[position] == "." {
                position += 1
                spec.precision = number(scalars, &position, arguments, &next) ?? 0
            }
            guard position < scalars.count else { out += "%!(NOVERB)"; break }
            let verb = Character(scalars[position])
            position += 1
            if verb == "%" { out += "%"; continue }
            guard next < arguments.count else { out += "%!\(verb)(MISSING)"; continue }
            out += formatOne(arguments[next], verb: verb, spec: spec)
            next += 1
        }
        if next < arguments.count {
            out += "%!(EXTRA " + arguments[next...].map { "\($0.fmtTypeName)=\($0.printedForFmt)" }.joined(separator: ", ") + ")"
        }
        return out
    }

    /// Width or precision digits, or `*` taking an int argument.
    private static func number(_ scalars: [Unicode.Scalar], _ position: inout Int, _ arguments: [TemplateValue], _ next: inout Int) -> Int? {
        if position < scalars.count, scalars[position] == "*" {
            position += 1
            guard next < arguments.count, case .int(let value) = arguments[next] else { return nil }
            next += 1
            return value
        }
        var value: Int?
        while position < scalars.count, let digit = Int(String(scalars[position])), (value ?? 0) < 1_000_000 {
            value = (value ?? 0) * 10 + digit
            position += 1
        }
        return value
    }

    struct Spec {
        enum Flag: Character { case minus = "-", plus = "+", sharp = "#", space = " ", zero = "0" }
        var flags: Set<Flag> = []
        var width: Int?
        var precision: Int?
    }

    private static func formatOne(_ value: TemplateValue, verb: Character, spec: Spec) -> String {
        let text: String?
        var numeric = false
        switch value {
        case .string(let string): text = formatString(string, verb: verb, spec: spec)
        case .int(let int):
            numeric = true
            text = formatInt(int, verb: verb, spec: spec)
        case .float(let float):
            numeric = true
            text = formatFloat(float, verb: verb, spec: spec)
        case .bool(let bool): text = verb == "v" || verb == "t" ? String(bool) : nil
        case .missing, .null: text = verb == "v" ? "<nil>" : nil
        default: text = verb == "v" || verb == "s" ? value.printedForFmt : nil
        }
        guard let text else {
            if case .missing = value { return "%!\(verb)(<nil>)" }
            if case .null = value { return "%!\(verb)(<nil>)" }
            return "%!\(verb)(\(value.fmtTypeName)=\(value.printedForFmt))"
        }
        return pad(text, spec: spec, numeric: numeric)
    }

    private static func formatString(_ string: String, verb: Character, spec: Spec) -> String? {
        var string = string
        if let precision = spec.precision, verb != "x", verb != "X" { string = String(string.prefix(precision)) }
        switch verb {
        case "v", "s": return string
        case "q": return spec.flags.contains(.sharp) && !string.contains("`") ? "`\(string)`" : GoStrconv.quote(string)
        case "x", "X":
            var bytes = Array(string.utf8)
            if let precision = spec.precision { bytes = Array(bytes.prefix(precision)) }
            return bytes.map { String(format: verb == "x" ? "%02x" : "%02X", $0) }.joined()
        default: return nil
        }
    }

    private static func formatInt(_ int: Int, verb: Character, spec: Spec) -> String? {
        let magnitude = int.magnitude
        var digits: String
        var prefix = ""
        switch verb {
        case "v", "d": digits = String(magnitude)
        case "b": digits = String(magnitude, radix: 2)
        case "o", "O":
            digits = String(magnitude, radix: 8)
            if verb == "O" { prefix = "0o" } else if spec.flags.contains(.sharp) { prefix = "0" }
        case "x", "X":
            digits = String(magnitude, radix: 16, uppercase: verb == "X")
            if spec.flags.contains(.sharp) { prefix = verb == "x" ? "0x" : "0X" }
        case "c": return Unicode.Scalar(UInt32(clamping: int)).map { String(Character($0)) } ?? "\u{FFFD}"
        case "q": return Unicode.Scalar(UInt32(clamping: int)).map { "'" + String(GoStrconv.quote(String($0)).dropFirst().dropLast()) + "'" } ?? "'\u{FFFD}'"
        case "U":
            let hex = String(magnitude, radix: 16, uppercase: true)
            return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        case "e", "E", "f", "F", "g", "G": return nil
        default: return nil
        }
        if let precision = spec.precision, digits.count < precision {
            digits = String(repeating: "0", count: precision - digits.count) + digits
        }
        return sign(negative: int < 0, spec) + prefix + digits
    }

    private static func formatFloat(_ float: Double, verb: Character, spec: Spec) -> String? {
        let body: String
        switch verb {
        case "v", "g", "G":
            if let precision = spec.precision {
                body = String(format: "%.\(precision)\(verb == "G" ? "G" : "g")", float.magnitude)
            } else {
                let shortest = GoFloat.formatG(float.magnitude)
                body = verb == "G" ? shortest.uppercased() : shortest
            }
        case "e", "E", "f", "F":
            body = String(format: "%.\(spec.precision ?? 6)\(verb == "F" ? "f" : verb)", float.magnitude)
        default: return nil
        }
        if float.isNaN { return "NaN" }
        if float.isInfinite { return float < 0 ? "-Inf" : (spec.flags.contains(.plus) ? "+Inf" : "+Inf") }
        return sign(negative: float.sign == .minus, spec) + body
    }

    private static func sign(negative: Bool, _ spec: Spec) -> String {
        negative ? "-" : spec.flags.contains(.plus) ? "+" : spec.flags.contains(.space) ? " " : ""
    }

    /// Pads to the width in runes: spaces on the left, or on the right with `-`, or zeros after
    /// the sign with `0` for numbers.
    private static func pad(_ text: String, spec: Spec, numeric: Bool) -> String {
        guard let width = spec.width, text.unicodeScalars.count < width else { return text }
        let count = width - text.unicodeScalars.count
        if spec.flags.contains(.minus) { return text + String(repeating: " ", count: count) }
        if spec.flags.contains(.zero) {
            if numeric, let first = text.first, "+- ".contains(first) {
                return String(first) + String(repeating: "0", count: count) + text.dropFirst()
            }
            return String(repeating: "0", count: count) + text
        }
        return String(repeating: " ", count: count) + text
    }
}

extension TemplateValue {
    var isString: Bool {
        if case .string = self { return true }
        return false
    }

    /// `%v` inside fmt calls, where a missing value is a nil interface.
    var printedForFmt: String {
        if case .missing = self { return "<nil>" }
        return printed
    }

    /// fmt's `%T` for mismatch texts.
    var fmtTypeName: String {
        switch self {
        case .missing, .null: "<nil>"
        default: goTypeName
        }
    }
}
