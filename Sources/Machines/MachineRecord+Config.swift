extension MachineRecord {
    /// `docker-machine config NAME` (docker-reference §4): the docker CLI flags that reach this
    /// machine with the per-machine certificate copies; paths `%q`-quoted as Go prints them.
    public var dockerFlags: String? {
        guard let url else { return nil }
        return "--tlsverify\n"
            + "--tlscacert=\(Self.goQuote(paths.caCertificate))\n"
            + "--tlscert=\(Self.goQuote(paths.clientCertificate))\n"
            + "--tlskey=\(Self.goQuote(paths.clientKey))\n"
            + "-H=\(url)\n"
    }

    /// Go's `strconv.Quote` (`%q`): `"` and `\` escaped, control characters as `\n`, `\t`, `\xNN`.
    static func goQuote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\u{07}": out += "\\a"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{0B}": out += "\\v"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7f {
                    out += "\\x" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
