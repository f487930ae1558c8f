/// The host part of Go's `url.Parse` (net/url/url.go) as `opts.ParseTCPAddr` in docker/cli
/// opts/hosts.go relies on it, so that odd inputs (`tcp://::1`, `tcp://[::1]:`, `tcp://[::1]`)
/// come out exactly as in the docker CLI. Joining and splitting `host:port` is Core's `GoNet`.
enum GoURL {
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
