/// Small, faithful re-implementations of the Go helpers `opts.ParseTCPAddr` relies on
/// (`net.SplitHostPort`, `net.JoinHostPort`, the host part of `url.Parse`), so that odd inputs
/// (`tcp://::1`, `tcp://[::1]:`, `tcp://[::1]`) come out exactly as in the docker CLI.
enum GoNet {
    static func joinHostPort(_ host: String, _ port: String) -> String {
        host.goContains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    /// `net.SplitHostPort`; nil where Go returns an error. Works on scalars, as Go does on bytes.
    static func splitHostPort(_ hostport: String) -> (host: String, port: String)? {
        let s = hostport.unicodeScalars[...]
        func hasBracket(_ part: Substring.UnicodeScalarView) -> Bool { part.contains("[") || part.contains("]") }
        if s.first == "[" {
            guard let close = s.firstIndex(of: "]") else { return nil }
            let host = s[s.index(after: s.startIndex)..<close]
            let rest = s[s.index(after: close)...]
            guard rest.first == ":" else { return nil }  // missing port, or junk after ']'
            let port = rest.dropFirst()
            if hasBracket(host) || hasBracket(port) { return nil }
            return (String(host), String(port))
        }
        guard let colon = s.lastIndex(of: ":") else { return nil }  // missing port
        let host = s[..<colon]
        let port = s[s.index(after: colon)...]
        if host.contains(":") { return nil }  // too many colons
        if hasBracket(host) || hasBracket(port) { return nil }
        return (String(host), String(port))
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
        var s = rest.unicodeScalars[...]
        if let hash = s.firstIndex(of: "#") { s = s[..<hash] }
        if let query = s.firstIndex(of: "?") { s = s[..<query] }
        let slash = s.firstIndex(of: "/") ?? s.endIndex
        var authority = s[..<slash]
        let path = String(s[slash...])
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        if let space = authority.first(where: { $0 == " " }) { throw .invalidHostCharacter(Character(space)) }
        let host = String(authority)
        if authority.first == "[" {
            guard let close = authority.firstIndex(of: "]") else { throw .invalidPort(host) }
            let after = String(authority[authority.index(after: close)...])
            guard isValidOptionalPort(after) else { throw .invalidPort(after) }
        } else if let colon = authority.lastIndex(of: ":") {
            let port = String(authority[colon...])
            guard isValidOptionalPort(port) else { throw .invalidPort(port) }
        }
        return URLParts(host: host, path: path)
    }

    /// Go's `validOptionalPort`: empty, or ':' followed by digits only.
    private static func isValidOptionalPort(_ port: String) -> Bool {
        if port.isEmpty { return true }
        guard port.first == ":" else { return false }
        return port.unicodeScalars.dropFirst().allSatisfy { ("0"..."9").contains($0) }
    }
}
