/// Spots docker's detach sequence (ctrl-p, ctrl-q by default) in what the user types during
/// `exec -it`, the way docker's escape proxy does: bytes that start the sequence are held back,
/// and handed on with the next byte if the sequence does not complete.
struct DetachKeyMatcher: Sendable {
    /// docker's default `--detach-keys`: ctrl-p, ctrl-q.
    static let dockerDefault: [UInt8] = [0x10, 0x11]

    let keys: [UInt8]
    private var matched = 0

    init(keys: [UInt8] = DetachKeyMatcher.dockerDefault) {
        precondition(!keys.isEmpty)
        self.keys = keys
    }

    /// What to send to the process, and whether the whole sequence was typed (anything after it
    /// in `bytes` is dropped: the session ends there).
    mutating func feed(_ bytes: some Sequence<UInt8>) -> (forward: [UInt8], detached: Bool) {
        var forward: [UInt8] = []
        for byte in bytes {
            if byte == keys[matched] {
                matched += 1
                if matched == keys.count {
                    matched = 0
                    return (forward, true)
                }
                continue
            }
            forward += keys[0..<matched]
            matched = 0
            if byte == keys[0] {
                matched = 1
                if keys.count == 1 { return (forward, true) }
            } else {
                forward.append(byte)
            }
        }
        return (forward, false)
    }

    /// Parses docker's `--detach-keys` syntax: `ctrl-p,ctrl-q`, `a,ctrl-@`, single characters.
    static func parse(_ text: String) -> [UInt8]? {
        var keys: [UInt8] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let lower = part.lowercased()
            if lower.hasPrefix("ctrl-"), lower.count == 6, let letter = lower.last?.asciiValue {
                switch letter {
                case UInt8(ascii: "a")...UInt8(ascii: "z"): keys.append(letter - UInt8(ascii: "a") + 1)
                case UInt8(ascii: "@"): keys.append(0)
                case UInt8(ascii: "["): keys.append(27)
                case UInt8(ascii: "\\"): keys.append(28)
                case UInt8(ascii: "]"): keys.append(29)
                case UInt8(ascii: "^"): keys.append(30)
                case UInt8(ascii: "_"): keys.append(31)
                default: return nil
                }
            } else if part.count == 1, let ascii = part.first?.asciiValue {
                keys.append(ascii)
            } else {
                return nil
            }
        }
        return keys.isEmpty ? nil : keys
    }
}
