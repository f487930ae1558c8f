import Core
import Foundation

/// Host strings as the docker CLI reads them.
///
/// `-H` and `DOCKER_HOST` go through `opts.ParseHost` (docker/cli opts/hosts.go), quirks included;
/// context endpoints are used verbatim by the Go client instead
/// (docker/cli cli/context/docker/load.go), hence two entry points.
public enum HostSyntax {
    static let defaultHTTPHost = "localhost"
    static let defaultHTTPPort = 2375
    static let defaultTLSHTTPPort = 2376

    /// docker CLI `opts.ParseHost`, plus `fd://N` (N a non-negative integer).
    ///
    /// `ssh://` is kept verbatim, as the CLI hands it to its connection helper (docker/cli
    /// cli/connhelper/connhelper.go); `npipe://` is valid for the docker CLI but not reachable
    /// here, and says so.
    public static func parse(_ value: String, defaultToTLS: Bool) throws(HostSyntaxError) -> EngineAddress {
        let host = value.trimmingWhitespace()
        if host.isEmpty {
            return defaultToTLS
                ? .tcp(host: defaultHTTPHost, port: defaultTLSHTTPPort, basePath: "")
                : .unix(path: EngineAddress.defaultUnixSocketPath)
        }
        var proto: String
        var rest: String
        if let (scheme, after) = host.goCut("://") {
            proto = scheme
            rest = after
        } else {
            proto = "tcp"
            rest = host
        }
        switch proto {
        case "tcp":
            return try parseTCP(rest, input: value)
        case "unix":
            // parseSimpleProtoAddr: strip a doubled prefix, refuse a nested scheme, default when empty.
            var path = rest.goTrimPrefix("unix://")
            if path.goContains("://") {
                throw HostSyntaxError(input: value, message: "invalid proto, expected unix: \(path)")
            }
            if path.isEmpty { path = EngineAddress.defaultUnixSocketPath }
            return .unix(path: path)
        case "fd":
            return try parseFD(rest, input: value)
        case "npipe":
            throw HostSyntaxError(input: value, message: "\(host): named pipes (npipe://) exist only on Windows: protocol not available")
        case "ssh":
            return try parseSSH(rest, url: host, input: value)
        default:
            throw HostSyntaxError(input: value, message: "invalid bind address format: \(host)")
        }
    }

    /// A context's docker endpoint host (docker/cli cli/context/docker/load.go): no ParseHost, so
    /// a tcp host without a port dials 80 (plain) or 443 (TLS), and `http://` / `https://` are
    /// read as tcp (the scheme never decides TLS).
    public static func parseContextHost(_ value: String, tls: Bool) throws(HostSyntaxError) -> EngineAddress {
        guard let (proto, rest) = value.goCut("://"), !rest.isEmpty else {
            throw HostSyntaxError(input: value, message: "unable to parse docker host `\(value)`")
        }
        switch proto {
        case "unix":
            return .unix(path: rest)
        case "fd":
            return try parseFD(rest, input: value)
        case "tcp", "http", "https":
            let parts: GoURL.URLParts
            do throws(GoURL.URLError) {
                parts = try GoURL.parseAuthorityAndPath(rest)
            } catch {
                throw HostSyntaxError(input: value, message: "invalid docker host `\(value)`: \(describe(error))")
            }
            let defaultPort = tls ? 443 : 80
            let host: String
            let portText: String
            if let split = GoNet.splitHostPort(parts.host) {
                (host, portText) = split
            } else if parts.host.goHasPrefix("[") && parts.host.goHasSuffix("]") {
                (host, portText) = (String(parts.host.unicodeScalars.dropFirst().dropLast()), "")
            } else {
                (host, portText) = (parts.host, "")
            }
            guard !host.isEmpty else {
                throw HostSyntaxError(input: value, message: "unable to parse docker host `\(value)`: no host name")
            }
            let port = try portNumber(portText.isEmpty ? String(defaultPort) : portText, input: value)
            return .tcp(host: host, port: port, basePath: normalisedBasePath(parts.path))
        case "ssh":
            return try parseSSH(rest, url: value, input: value)
        default:
            throw HostSyntaxError(input: value, message: "unsupported docker host `\(value)`: protocol \"\(proto)\" is not unix, tcp, fd or ssh")
        }
    }

    /// `opts.ParseTCPAddr(rest, "tcp://localhost:2375")`.
    private static func parseTCP(_ tryAddr: String, input: String) throws(HostSyntaxError) -> EngineAddress {
        if tryAddr.isEmpty || tryAddr == "tcp://" {
            return .tcp(host: defaultHTTPHost, port: defaultHTTPPort, basePath: "")
        }
        var addr = tryAddr.goTrimPrefix("tcp://")
        if addr.goContains("://") || addr.isEmpty {
            throw HostSyntaxError(input: input, message: "invalid proto, expected tcp: \(tryAddr)")
        }
        if addr.goHasSuffix("]:") { addr += String(defaultHTTPPort) }
        let parts: GoURL.URLParts
        do throws(GoURL.URLError) {
            parts = try GoURL.parseAuthorityAndPath(addr)
        } catch {
            throw HostSyntaxError(input: input, message: "parse \"tcp://\(addr)\": \(describe(error))")
        }
        guard let split = GoNet.splitHostPort(parts.host)
            ?? GoNet.splitHostPort(GoNet.joinHostPort(parts.host, String(defaultHTTPPort)))
        else {
            throw HostSyntaxError(input: input, message: "invalid bind address format: \(tryAddr)")
        }
        let host = split.host.isEmpty ? defaultHTTPHost : split.host
        let port = try portNumber(split.port.isEmpty ? String(defaultHTTPPort) : split.port, input: input)
        return .tcp(host: host, port: port, basePath: normalisedBasePath(parts.path))
    }

    /// docker/cli cli/connhelper/ssh/ssh.go `ParseURL`, with the CLI's words for its refusals.
    private static func parseSSH(_ rest: String, url: String, input: String) throws(HostSyntaxError) -> EngineAddress {
        do throws(SSHDestination.Refusal) {
            return .ssh(try SSHDestination.parse(rest))
        } catch {
            throw HostSyntaxError(input: input, message: error.message(for: url))
        }
    }

    private static func parseFD(_ rest: String, input: String) throws(HostSyntaxError) -> EngineAddress {
        guard !rest.isEmpty, rest.allSatisfy({ $0.isASCII && $0.isNumber }), let fd = Int32(rest) else {
            throw HostSyntaxError(input: input, message: "invalid fd host `\(input)`: expected fd://N with N a descriptor number, e.g. fd://3")
        }
        return .fd(fd)
    }

    /// Ports are digits already; Go accepts any number here, but one above 65535 can never be dialled.
    private static func portNumber(_ text: String, input: String) throws(HostSyntaxError) -> Int {
        guard text.allSatisfy({ $0.isASCII && $0.isNumber }), let port = Int(text), port <= 65535 else {
            throw HostSyntaxError(input: input, message: "invalid port \"\(text)\" in \(input): expected 0-65535")
        }
        return port
    }

    /// "/" and trailing slashes are no prefix at all (the Go client `path.Join`s API paths).
    private static func normalisedBasePath(_ path: String) -> String {
        var p = path.unicodeScalars[...]
        while p.last == "/" { p = p.dropLast() }
        return String(p)
    }

    private static func describe(_ error: GoURL.URLError) -> String {
        switch error {
        case .controlCharacter: return "net/url: invalid control character in URL"
        case .invalidPort(let port): return "invalid port \"\(port)\" after host"
        case .invalidHostCharacter(let ch): return "invalid character \"\(ch)\" in host name"
        }
    }
}
