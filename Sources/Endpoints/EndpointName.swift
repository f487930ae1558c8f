/// Endpoint names: what `@target` can address, and short stable names for unnamed `-H` values.
public enum EndpointName {
    /// `^[A-Za-z0-9][A-Za-z0-9_.-]*$`: the names `-H NAME=URL` and `connect NAME` accept.
    public static func isValid(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, isAlnum(first) else { return false }
        return name.unicodeScalars.allSatisfy { isAlnum($0) || $0 == "_" || $0 == "." || $0 == "-" }
    }

    /// A short stable name for an unnamed address: `local` for the default socket, the socket's base
    /// name without extension (`/run/e1.sock` → `e1`), `fd3`, `127.0.0.1-12376`,
    /// `web1` for `ssh://me@web1`.
    public static func derived(for address: EngineAddress) -> String {
        switch address {
        case .unix(let path):
            if path == EngineAddress.defaultUnixSocketPath { return "local" }
            var base = Substring(path.split(separator: "/").last ?? "")
            if let dot = base.lastIndex(of: "."), dot != base.startIndex { base = base[..<dot] }
            return sanitised(String(base), fallback: "unix")
        case .fd(let fd):
            return "fd\(fd)"
        case .tcp(let host, let port, _):
            return sanitised("\(host)-\(port)", fallback: "tcp-\(port)")
        case .ssh(let destination):
            return sanitised(destination.host + (destination.port.map { "-\($0)" } ?? ""), fallback: "ssh")
        }
    }

    /// Replaces each run of characters a name cannot hold (and of dashes) with one "-", trimmed.
    static func sanitised(_ raw: String, fallback: String) -> String {
        var out = ""
        var pendingDash = false
        for scalar in raw.unicodeScalars {
            if isAlnum(scalar) || scalar == "_" || scalar == "." {
                if pendingDash && !out.isEmpty { out.append("-") }
                pendingDash = false
                out.unicodeScalars.append(scalar)
            } else {
                pendingDash = true
            }
        }
        while out.hasSuffix("-") { out.removeLast() }
        return isValid(out) ? out : fallback
    }

    private static func isAlnum(_ s: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(s) || ("A"..."Z").contains(s) || ("0"..."9").contains(s)
    }
}
