/// Go's `net.JoinHostPort` and `net.SplitHostPort` (net/ipsock.go), so that addresses dmux
/// writes and reads (`-H`, `DOCKER_HOST`, a machine's URL, a port binding) come out exactly as
/// in the docker CLI and docker-machine, odd ones (`::1`, `[::1]:`, `[::1]`) included.
/// Both work on Unicode scalars, as Go works on bytes: a combining mark after `:` or `]` does
/// not hide it.
public enum GoNet {
    /// `host:port`, with the host in brackets when it holds a colon (an IPv6 literal).
    public static func joinHostPort(_ host: String, _ port: String) -> String {
        host.unicodeScalars.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    public static func joinHostPort(_ host: String, _ port: Int) -> String {
        joinHostPort(host, String(port))
    }

    /// The host and port of `host:port`, `[host]:port` or `[host%zone]:port`; nil where Go
    /// returns an error (missing port, too many colons, a stray bracket).
    public static func splitHostPort(_ hostport: String) -> (host: String, port: String)? {
        let s = hostport.unicodeScalars[...]
        func hasBracket(_ part: Substring.UnicodeScalarView) -> Bool { part.contains("[") || part.contains("]") }
        func text(_ part: Substring.UnicodeScalarView) -> String { String(String.UnicodeScalarView(part)) }
        if s.first == "[" {
            guard let close = s.firstIndex(of: "]") else { return nil }
            let host = s[s.index(after: s.startIndex)..<close]
            let rest = s[s.index(after: close)...]
            guard rest.first == ":" else { return nil }  // missing port, or junk after ']'
            let port = rest.dropFirst()
            if hasBracket(host) || hasBracket(port) { return nil }
            return (text(host), text(port))
        }
        guard let colon = s.lastIndex(of: ":") else { return nil }  // missing port
        let host = s[..<colon]
        let port = s[s.index(after: colon)...]
        if host.contains(":") { return nil }  // too many colons
        if hasBracket(host) || hasBracket(port) { return nil }
        return (text(host), text(port))
    }
}
