extension String {
    /// The text with control characters escaped as Go's `%q` shows them (`\n`, `\x1b`): a
    /// newline in a config file's URL or a terminal escape sequence stays one harmless line in a
    /// diagnostic (Fuzz/Sources/FuzzMachineConfig checks it). C1 controls (U+0080–U+009F) count
    /// too: U+009B is a one-character CSI to terminals that read 8-bit controls.
    ///
    /// The one path by which a host name, file content, an engine's error or any other string
    /// from outside reaches dmux's own messages and tables; container output is not dmux's.
    public var escapingControlCharacters: String {
        guard unicodeScalars.contains(where: \.isControlCharacter) else { return self }
        var result = ""
        for scalar in unicodeScalars {
            switch scalar {
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            case _ where scalar.isControlCharacter:
                result += (scalar.value < 0x80 ? "\\x" : "\\u00") + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}

extension Unicode.Scalar {
    /// C0 controls, DEL and C1 controls.
    public var isControlCharacter: Bool { value < 0x20 || (0x7f...0x9f).contains(value) }
}
