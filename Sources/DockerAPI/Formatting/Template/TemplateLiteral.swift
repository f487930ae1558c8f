/// Go literals inside actions: quoted strings (`strconv.Unquote`) and numbers (`parse.NumberNode`).
enum TemplateLiteral {
    /// `"…"` with Go's escapes, `` `…` `` raw; nil when malformed.
    static func unquote(_ literal: String) -> String? {
        let scalars = Array(literal.unicodeScalars)
        guard scalars.count >= 2, let quote = scalars.first, scalars.last == quote else { return nil }
        let body = scalars[1..<(scalars.count - 1)]
        if quote == "`" { return String(String.UnicodeScalarView(body.filter { $0 != "\r" })) }
        guard quote == "\"" || quote == "'" else { return nil }
        var out = String.UnicodeScalarView()
        var position = body.startIndex
        while position < body.endIndex {
            let scalar = body[position]
            position += 1
            guard scalar == "\\" else {
                if scalar == quote { return nil }
                out.append(scalar)
                continue
            }
            guard position < body.endIndex else { return nil }
            let escape = body[position]
            position += 1
            switch escape {
            case "a": out.append("\u{07}")
            case "b": out.append("\u{08}")
            case "f": out.append("\u{0C}")
            case "n": out.append("\n")
            case "r": out.append("\r")
            case "t": out.append("\t")
            case "v": out.append("\u{0B}")
            case "\\", "\"", "'":
                guard escape == "\\" || escape == quote else { return nil }
                out.append(escape)
            case "x", "u", "U", "0"..."7":
                let width = escape == "x" ? 2 : escape == "u" ? 4 : escape == "U" ? 8 : 2
                let radix = escape.properties.numericType == nil ? 16 : 8
                let start = escape.properties.numericType == nil ? position : position - 1
                let end = start + (radix == 8 ? 3 : width)
                guard end <= body.endIndex else { return nil }
                let digits = String(String.UnicodeScalarView(body[start..<end]))
                guard let value = UInt32(digits, radix: radix), let decoded = Unicode.Scalar(value) else { return nil }
                out.append(decoded)
                position = end
            default:
                return nil
            }
        }
        return String(out)
    }

    /// An int when the text is an integer that fits, else a float; a character constant is its code.
    static func number(_ text: String) -> TemplateOperand.Kind? {
        if text.hasPrefix("'") {
            guard let decoded = unquote(text), decoded.unicodeScalars.count == 1, let scalar = decoded.unicodeScalars.first else { return nil }
            return .int(Int(scalar.value))
        }
        guard !text.hasSuffix("i") else { return nil }  // complex constants have no use in a format
        let cleaned = text.replacingOccurrences(of: "_", with: "")
        var body = Substring(cleaned)
        var negative = false
        if body.hasPrefix("-") || body.hasPrefix("+") { negative = body.hasPrefix("-"); body = body.dropFirst() }
        let lower = body.lowercased()
        for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] where lower.hasPrefix(prefix) {
            guard !lower.contains("p"), !lower.contains("."), let value = Int(lower.dropFirst(2), radix: radix) else { return nil }
            return .int(negative ? -value : value)
        }
        if !lower.contains(where: { $0 == "." || $0 == "e" }) {
            if lower.count > 1, lower.hasPrefix("0"), let octal = Int(lower.dropFirst(), radix: 8) { return .int(negative ? -octal : octal) }
            if let value = Int(lower) { return .int(negative ? -value : value) }
        }
        guard let value = Double(lower), value.isFinite else { return nil }
        return .float(negative ? -value : value)
    }
}
