import Core

/// Where an `ssh://[user@]host[:port][/remote/socket]` engine is: the SSH login, and the socket the
/// remote `docker system dial-stdio` should dial (docker/cli cli/connhelper/ssh/ssh.go `Spec`).
public struct SSHDestination: Sendable, Hashable, CustomStringConvertible {
    /// nil: ssh's own default (the `User` of the ssh config, else the local user).
    public var user: String?
    /// A name, an alias of the user's ssh config, or an IP address (IPv6 without brackets).
    public var host: String
    /// nil: ssh's own default (the ssh config's `Port`, else 22).
    public var port: Int?
    /// The URL's path: "" or "/" for the remote docker's own default engine.
    public var socketPath: String

    public init(user: String? = nil, host: String, port: Int? = nil, socketPath: String = "") {
        self.user = user
        self.host = host
        self.port = port
        self.socketPath = socketPath
    }

    /// Canonical URL: `ssh://user@host:port/path`, IPv6 hosts in brackets.
    public var description: String {
        var url = "ssh://" + (user.map { $0 + "@" } ?? "")
        url += port.map { GoNet.joinHostPort(host, String($0)) } ?? (host.utf8.contains(UInt8(ascii: ":")) ? "[\(host)]" : host)
        return url + socketPath
    }

    /// The words the remote side runs: `docker system dial-stdio`, or with `--host=unix://PATH`
    /// when the URL names a socket (docker/cli cli/connhelper/connhelper.go `getConnectionHelper`).
    public var remoteCommand: [String] {
        let trimmed = socketPath.unicodeScalars.drop { $0 == "/" }
        guard trimmed.contains(where: { $0 != "/" }) else { return ["docker", "system", "dial-stdio"] }
        return ["docker", "--host=unix://" + socketPath, "system", "dial-stdio"]
    }

    /// docker/cli `ssh.ParseURL` on everything after `ssh://`, with the CLI's words for what it
    /// refuses: a password, a query, a fragment, an empty host name (`message` is the reason only).
    static func parse(_ rest: String) throws(Refusal) -> SSHDestination {
        if rest.utf8.contains(where: { $0 < 0x20 || $0 == 0x7f }) {
            throw Refusal(parse: "net/url: invalid control character in URL")
        }
        // Byte positions, as Go's net/url reads the URL: a combining mark after `[` or `:` must not
        // fuse with it into one Character and hide it.
        func position(of byte: Character, in text: Substring, last: Bool = false) -> String.Index? {
            let ascii = byte.asciiValue!
            return last ? text.utf8.lastIndex(of: ascii) : text.utf8.firstIndex(of: ascii)
        }
        func after(_ index: String.Index, in text: Substring) -> String.Index { text.utf8.index(after: index) }
        var s = Substring(rest)
        var fragment = ""
        if let hash = position(of: "#", in: s) {
            fragment = String(s[after(hash, in: s)...])
            s = s[..<hash]
        }
        var query = ""
        if let mark = position(of: "?", in: s) {
            query = String(s[after(mark, in: s)...])
            s = s[..<mark]
        }
        let slash = position(of: "/", in: s) ?? s.endIndex
        var authority = s[..<slash]
        let path = String(s[slash...])
        var user: String?
        var hasPassword = false
        if let at = position(of: "@", in: authority, last: true) {
            let info = authority[..<at]
            if let colon = position(of: ":", in: info) {
                user = String(info[..<colon])
                hasPassword = true
            } else {
                user = String(info)
            }
            authority = authority[after(at, in: authority)...]
        }
        let host: String
        var portText = ""
        if authority.utf8.first == UInt8(ascii: "[") {
            guard let close = position(of: "]", in: authority) else {
                throw Refusal(parse: "missing ']' in host")
            }
            host = String(authority[after(authority.startIndex, in: authority)..<close])
            portText = String(authority[after(close, in: authority)...])
        } else if let colon = position(of: ":", in: authority, last: true) {
            host = String(authority[..<colon])
            portText = String(authority[colon...])
        } else {
            host = String(authority)
        }
        // Go's net/url refuses ASCII a host may not hold (a space, `{`…); a bracket inside a host
        // could not be written back as a URL either (`[a]b]`).
        if let bad = host.unicodeScalars.first(where: { $0.isASCII && !Self.hostScalars.contains($0) }) {
            throw Refusal(parse: "invalid character \"\(bad)\" in host name")
        }
        if !portText.isEmpty {
            guard portText.utf8.first == UInt8(ascii: ":"), portText.utf8.dropFirst().allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
                throw Refusal(parse: "invalid port \"\(portText)\" after host")
            }
        }
        if hasPassword { throw Refusal(spec: "plain-text password is not supported") }
        if host.isEmpty { throw Refusal(spec: "hostname is empty") }
        if !query.isEmpty { throw Refusal(spec: "query parameters are not allowed: \"\(query)\"") }
        if !fragment.isEmpty { throw Refusal(spec: "fragments are not allowed: \"\(fragment)\"") }
        var port: Int?
        if portText.count > 1 {
            guard let number = Int(portText.dropFirst()), number <= 65535 else {
                throw Refusal(spec: "invalid port \"\(portText.dropFirst())\": expected 0-65535")
            }
            port = number
        }
        return SSHDestination(user: user.flatMap { $0.isEmpty ? nil : $0 }, host: host, port: port, socketPath: path)
    }

    /// ASCII that Go's `shouldEscape(c, encodeHost)` lets into a host, brackets aside.
    private static let hostScalars = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.~!$&'()*+,;=:<>\"%".unicodeScalars)

    /// Why an ssh URL is refused: either `url.Parse` failed, or docker's `ssh.NewSpec` said no.
    struct Refusal: Error {
        let fromURLParser: Bool
        let reason: String
        init(parse reason: String) { (fromURLParser, self.reason) = (true, reason) }
        init(spec reason: String) { (fromURLParser, self.reason) = (false, reason) }

        /// The docker CLI's whole line for `input`, e.g.
        /// `ssh host connection is not valid: invalid SSH URL: hostname is empty`.
        func message(for input: String) -> String {
            fromURLParser ? "parse \"\(input)\": \(reason)" : "ssh host connection is not valid: invalid SSH URL: \(reason)"
        }
    }
}
