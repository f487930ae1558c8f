import Testing
@testable import Endpoints

/// docker/cli cli/connhelper/ssh/ssh.go: `ssh://[user@]host[:port][/socket]`, and the docker CLI's refusals in its
/// own words (checked against `docker -H … version`, docker 28.2.2).
@Suite struct SSHHostSyntaxTests {
    func parse(_ value: String) throws(HostSyntaxError) -> EngineAddress { try HostSyntax.parse(value, defaultToTLS: false) }

    func refusal(_ value: String) -> String? {
        do {
            _ = try parse(value)
            return nil
        } catch {
            return error.description
        }
    }

    @Test func everyPartIsKept() throws {
        #expect(try parse("ssh://me@web1:2222/run/docker.sock")
            == .ssh(SSHDestination(user: "me", host: "web1", port: 2222, socketPath: "/run/docker.sock")))
        #expect(try parse("ssh://me@web1:2222/run/docker.sock").description == "ssh://me@web1:2222/run/docker.sock")
    }

    @Test func userPortAndPathAreOptional() throws {
        #expect(try parse("ssh://web1") == .ssh(SSHDestination(host: "web1")))
        #expect(try parse("ssh://web1").description == "ssh://web1")
        #expect(try parse("ssh://web1:") == .ssh(SSHDestination(host: "web1")), "Go's url.Port() is empty after a bare colon")
    }

    @Test func ipv6HostsKeepTheirBrackets() throws {
        #expect(try parse("ssh://[::1]:22/x") == .ssh(SSHDestination(host: "::1", port: 22, socketPath: "/x")))
        #expect(try parse("ssh://[::1]:22/x").description == "ssh://[::1]:22/x")
        #expect(try parse("ssh://root@[fe80::1]").description == "ssh://root@[fe80::1]")
    }

    @Test func theRemoteCommandDialsTheURLsSocket() throws {
        #expect(SSHDestination(host: "h").remoteCommand == ["docker", "system", "dial-stdio"])
        #expect(SSHDestination(host: "h", socketPath: "/").remoteCommand == ["docker", "system", "dial-stdio"])
        #expect(SSHDestination(host: "h", socketPath: "//").remoteCommand == ["docker", "system", "dial-stdio"])
        #expect(SSHDestination(host: "h", socketPath: "/run/d.sock").remoteCommand
            == ["docker", "--host=unix:///run/d.sock", "system", "dial-stdio"])
    }

    @Test func aPasswordIsRefused() {
        #expect(refusal("ssh://u:pw@h") == "ssh host connection is not valid: invalid SSH URL: plain-text password is not supported")
        #expect(refusal("ssh://u:@h") == "ssh host connection is not valid: invalid SSH URL: plain-text password is not supported")
    }

    /// Found by FuzzHostSyntax: a host holding a bracket printed as a URL that does not parse.
    @Test func aBracketInsideTheHostIsRefused() {
        #expect(refusal("ssh://use[::1]:s:/x")?.hasSuffix(#"invalid character "[" in host name"#) == true)
        #expect(refusal("ssh://a]b") != nil)
        #expect(refusal("ssh:// ?") == #"parse "ssh:// ?": invalid character " " in host name"#)
    }

    @Test func aQueryIsRefused() {
        #expect(refusal("ssh://h?x=1") == #"ssh host connection is not valid: invalid SSH URL: query parameters are not allowed: "x=1""#)
    }

    @Test func aFragmentIsRefused() {
        #expect(refusal("ssh://h#f") == #"ssh host connection is not valid: invalid SSH URL: fragments are not allowed: "f""#)
    }

    @Test(arguments: ["ssh://", "ssh://u@", "ssh://:22", "ssh:///run/d.sock"])
    func anEmptyHostIsRefused(_ value: String) {
        #expect(refusal(value) == "ssh host connection is not valid: invalid SSH URL: hostname is empty")
    }

    @Test func aBadPortIsGosParseError() {
        #expect(refusal("ssh://h:abc") == #"parse "ssh://h:abc": invalid port ":abc" after host"#)
        #expect(refusal("ssh://h:99999")?.contains("invalid port") == true)
    }

    @Test func controlCharactersAreRefused() {
        #expect(refusal("ssh://h\u{1b}x")?.contains("invalid control character") == true)
    }

    @Test func unnamedSSHEnginesAreNamedAfterTheirHost() throws {
        #expect(EndpointName.derived(for: try parse("ssh://me@web1")) == "web1")
        #expect(EndpointName.derived(for: try parse("ssh://root@127.0.0.1:2222/x.sock")) == "127.0.0.1-2222")
    }
}
