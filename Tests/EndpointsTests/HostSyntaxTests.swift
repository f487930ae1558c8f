import Foundation
import Testing
@testable import Endpoints

/// docker/cli opts/hosts.go: `opts.ParseHost`, every quirk checked against the CLI, plus dmux's `fd://N`.
@Suite struct HostSyntaxTests {
    func parse(_ value: String, tls: Bool = false) throws -> String {
        try HostSyntax.parse(value, defaultToTLS: tls).description
    }

    func parseError(_ value: String, tls: Bool = false) -> String? {
        do {
            _ = try HostSyntax.parse(value, defaultToTLS: tls)
            return nil
        } catch {
            return error.description
        }
    }

    @Test func emptyIsDefaultSocketWithoutTLS() throws {
        #expect(try parse("") == "unix:///var/run/docker.sock")
        #expect(try parse("   ") == "unix:///var/run/docker.sock")
    }

    @Test func emptyIsLocalhost2376WithTLS() throws {
        #expect(try parse("", tls: true) == "tcp://localhost:2376")
        #expect(try HostSyntax.parse("", defaultToTLS: true) == .tcp(host: "localhost", port: 2376, basePath: ""))
    }

    @Test func whitespaceIsTrimmed() throws {
        #expect(try HostSyntax.parse(" unix:///x.sock ", defaultToTLS: false) == .unix(path: "/x.sock"))
    }

    @Test func bareUnixSchemeIsDefaultSocket() throws {
        #expect(try parse("unix://") == "unix:///var/run/docker.sock")
    }

    @Test func schemelessPathIsTCPWithBasePath() throws {
        #expect(try HostSyntax.parse("/run/d.sock", defaultToTLS: false)
            == .tcp(host: "localhost", port: 2375, basePath: "/run/d.sock"))
        #expect(try parse("/run/d.sock") == "tcp://localhost:2375/run/d.sock")
    }

    @Test func schemelessHostPortIsTCP() throws {
        #expect(try HostSyntax.parse("127.0.0.1:12376", defaultToTLS: false)
            == .tcp(host: "127.0.0.1", port: 12376, basePath: ""))
    }

    @Test func tcpWithoutPortGets2375EvenWithTLS() throws {
        #expect(try parse("tcp://h") == "tcp://h:2375")
        #expect(try parse("tcp://h", tls: true) == "tcp://h:2375")
    }

    @Test func bareTCPSchemeIsLocalhost2375() throws {
        #expect(try parse("tcp://") == "tcp://localhost:2375")
        #expect(try parse("tcp://", tls: true) == "tcp://localhost:2375")
    }

    @Test func missingHostIsLocalhost() throws {
        #expect(try parse("tcp://:12376") == "tcp://localhost:12376")
    }

    @Test func bracketedIPv6WithTrailingColonGetsDefaultPort() throws {
        #expect(try HostSyntax.parse("tcp://[::1]:", defaultToTLS: false) == .tcp(host: "::1", port: 2375, basePath: ""))
        #expect(try parse("tcp://[::1]:") == "tcp://[::1]:2375")
    }

    @Test func bracketedIPv6WithoutPortIsAnError() {
        #expect(parseError("tcp://[::1]") == "invalid bind address format: [::1]")
    }

    @Test func unbracketedIPv6IsAccepted() throws {
        #expect(try parse("tcp://::1") == "tcp://[::1]:2375")
        #expect(try parse("tcp://[::1]:2376") == "tcp://[::1]:2376")
    }

    @Test func pathIsKeptAsBasePath() throws {
        #expect(try HostSyntax.parse("tcp://h:1234/prefix", defaultToTLS: false)
            == .tcp(host: "h", port: 1234, basePath: "/prefix"))
        #expect(try parse("tcp://[::1]:5/prefix") == "tcp://[::1]:5/prefix")
        #expect(try parse("tcp://h:1234/") == "tcp://h:1234", "a lone slash is no prefix")
        #expect(try parse("tcp://h/path?x=a=b") == "tcp://h:2375/path", "the query is not part of the path")
    }

    @Test func nonNumericPortIsAnErrorAndZeroIsAccepted() throws {
        #expect(parseError("tcp://h:abc")?.contains("invalid port") == true)
        #expect(try parse("tcp://h:0") == "tcp://h:0")
        #expect(parseError("tcp://h:70000")?.contains("invalid port") == true)
    }

    @Test func fdWithNumberIsOurExtension() throws {
        #expect(try HostSyntax.parse("fd://3", defaultToTLS: false) == .fd(3))
        #expect(try HostSyntax.parse("fd://0", defaultToTLS: true) == .fd(0))
        #expect(try parse(" fd://12 ") == "fd://12")
    }

    @Test(arguments: ["fd://", "fd://*", "fd://-1", "fd://abc", "fd://3x", "fd://99999999999"])
    func badFDFormsAreErrors(_ value: String) {
        let message = parseError(value)
        #expect(message?.contains(value.trimmingCharacters(in: .whitespaces)) == true, "\(String(describing: message))")
    }

    @Test func npipeIsRefusedClearly() {
        #expect(parseError("npipe://")?.contains("protocol not available") == true)
    }

    @Test(arguments: ["http://127.0.0.1:12376", "https://127.0.0.1:12376", "TCP://h:1", "foo://bar"])
    func otherSchemesAreInvalidBindAddress(_ value: String) {
        #expect(parseError(value) == "invalid bind address format: \(value)")
    }

    @Test func nestedSchemesAreRejected() {
        #expect(parseError("unix://a://b") == "invalid proto, expected unix: a://b")
        #expect(parseError("tcp://tcp://a://b") == "invalid proto, expected tcp: tcp://a://b")
    }

    @Test func unixPathsAreKeptVerbatim() throws {
        #expect(try HostSyntax.parse("unix:///run/e1.sock", defaultToTLS: true) == .unix(path: "/run/e1.sock"))
    }

    @Test func errorNamesTheInput() {
        do {
            _ = try HostSyntax.parse("http://x:1", defaultToTLS: false)
            Issue.record("expected an error")
        } catch {
            #expect(error.input == "http://x:1")
        }
    }
}

/// docker/cli cli/context/docker/load.go: context hosts are used verbatim by the Go client.
@Suite struct ContextHostSyntaxTests {
    @Test func tcpWithoutPortDials80Or443() throws {
        #expect(try HostSyntax.parseContextHost("tcp://127.0.0.1", tls: false) == .tcp(host: "127.0.0.1", port: 80, basePath: ""))
        #expect(try HostSyntax.parseContextHost("tcp://127.0.0.1", tls: true) == .tcp(host: "127.0.0.1", port: 443, basePath: ""))
    }

    @Test func httpSchemesAreTCPAndDoNotDecideTLS() throws {
        #expect(try HostSyntax.parseContextHost("http://h:12376", tls: true) == .tcp(host: "h", port: 12376, basePath: ""))
        #expect(try HostSyntax.parseContextHost("https://h", tls: false) == .tcp(host: "h", port: 80, basePath: ""))
    }

    @Test func portAndPathAreKept() throws {
        #expect(try HostSyntax.parseContextHost("tcp://[::1]:2376/p", tls: true) == .tcp(host: "::1", port: 2376, basePath: "/p"))
        #expect(try HostSyntax.parseContextHost("tcp://[::1]", tls: false) == .tcp(host: "::1", port: 80, basePath: ""))
    }

    @Test func socketsAndFD() throws {
        #expect(try HostSyntax.parseContextHost("unix:///run/x.sock", tls: true) == .unix(path: "/run/x.sock"))
        #expect(try HostSyntax.parseContextHost("fd://3", tls: false) == .fd(3))
    }

    @Test func sshHostsAreKeptWithTheirSocket() throws {
        #expect(try HostSyntax.parseContextHost("ssh://me@web1:2222/run/d.sock", tls: true)
            == .ssh(SSHDestination(user: "me", host: "web1", port: 2222, socketPath: "/run/d.sock")))
    }

    @Test(arguments: ["", "fd://", "tcp://", "/run/x.sock", "ssh://", "ssh://u:p@h", "npipe:////./pipe/x", "tcp://:5"])
    func rejected(_ value: String) {
        #expect(throws: HostSyntaxError.self) { try HostSyntax.parseContextHost(value, tls: false) }
    }
}
