/// Small, faithful re-implementations of the Go helpers `opts.ParseTCPAddr` relies on
/// (`net.SplitHostPort`, `net.JoinHostPort`, the host part of `url.Parse`), so that odd inputs
/// (`tcp://::1`, `tcp://[::1]:`, `tcp://[::1]`) come out exactly as in the docker CLI.
enum GoNet {
    static func joinHostPort(_ host: String, _ port: String) -> String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    /// `net.SplitHostPort`; nil where Go returns an error.
    static func splitHostPort(_ hostport: String) -> (host: String, port: String)? {
        if hostport.hasPrefix("[") {
            guard let close = hostport.firstIndex(of: "]") else { return nil }
            let host = String(hostport[hostport.index(after: hostport.startIndex)..<close])
            let rest = hostport[hostport.index(after: close)...]
            guard rest.first == ":" else { return nil }  // missing port, or junk after ']'
            let port = String(rest.dropFirst())
            if host.contains("[") || host.contains("]") || port.contains("[") || port.contains("]") { return nil }
            return (host, port)
        }
        guard let colon = hostport.lastIndex(of: ":") else { return nil }  // missing port
        let host = String(hostport[..<colon])
        let port = String(hostport[hostport.index(after: colon)...])
        if host.contains(":") { return nil }  // too many colons
        if host.contains("[") || host.contains("]") || port.contains("[") || port.contains("]") { return nil }
        return (host, port)
    }

    /// The pieces of `url.Parse("tcp://" + rest)` that the docker CLI uses: `Host` and `Path`.
    struct URLParts {
        var host: String
        var path: String
    }

    enum URLError: Error {
        case controlCharacter
        case invalidPort(String)
        case invalidHostCharacter(Character)
    }

    /// Splits `authority/path?query#fragment` like Go's `url.Parse` does for a `scheme://` URL.
    static func parseAuthorityAndPath(_ rest: String) throws(URLError) -> URLParts {
        // Go refuses these anywhere in a URL, path included, before parsing anything.
        if rest.utf8.contains(where: { $0 < 0x20 || $0 == 0x7f }) { throw .controlCharacter }
        var s = Substring(rest)
        if let hash = s.firstIndex(of: "#") { s = s[..<hash] }
        if let query = s.firstIndex(of: "?") { s = s[..<query] }
        let slash = s.firstIndex(of: "/") ?? s.endIndex
        var authority = s[..<slash]
        let path = String(s[slash...])
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        let host = String(authority)
        for ch in host where ch == " " || ch.asciiValue.map({ $0 < 0x20 || $0 == 0x7f }) == true {
            throw .invalidHostCharacter(ch)
        }
        if host.hasPrefix("[") {
            guard let close = host.firstIndex(of: "]") else { throw .invalidPort(host) }
            let after = String(host[host.index(after: close)...])
            guard isValidOptionalPort(after) else { throw .invalidPort(after) }
        } else if let colon = host.lastIndex(of: ":") {
            let port = String(host[colon...])
            guard isValidOptionalPort(port) else { throw .invalidPort(port) }
        }
        return URLParts(host: host, path: path)
    }

    /// Go's `validOptionalPort`: empty, or ':' followed by digits only.
    private static func isValidOptionalPort(_ port: String) -> Bool {
        if port.isEmpty { return true }
        guard port.first == ":" else { return false }
        return port.dropFirst().allSatisfy { $0.isASCII && $0.isNumber }
    }
}
