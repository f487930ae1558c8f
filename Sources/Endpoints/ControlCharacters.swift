extension String {
    /// The text with control characters escaped as Go's `%q` shows them (`\n`, `\x1b`): a
    /// newline in a config file's URL or a terminal escape sequence stays one harmless line in a
    /// diagnostic (Fuzz/Sources/FuzzMachineConfig checks it).
    var escapingControlCharacters: String {
        guard unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7f }) else { return self }
        var result = ""
        for scalar in unicodeScalars {
            switch scalar {
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            case _ where scalar.value < 0x20 || scalar.value == 0x7f:
                result += "\\x" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
