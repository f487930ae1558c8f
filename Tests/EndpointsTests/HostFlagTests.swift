import Testing
@testable import Endpoints

@Suite struct HostFlagTests {
    @Test func namePrefixIsRecognised() {
        let flag = HostFlag("web=tcp://127.0.0.1:12376")
        #expect(flag.name == "web")
        #expect(flag.url == "tcp://127.0.0.1:12376")
        #expect(HostFlag("e1=unix:///run/e1.sock") == HostFlag(name: "e1", url: "unix:///run/e1.sock"))
        #expect(HostFlag("a.b_c-d=fd://3") == HostFlag(name: "a.b_c-d", url: "fd://3"))
        #expect(HostFlag("web=127.0.0.1:2376") == HostFlag(name: "web", url: "127.0.0.1:2376"))
        #expect(HostFlag("web=/run/d.sock") == HostFlag(name: "web", url: "/run/d.sock"))
        #expect(HostFlag("v6=[::1]:2376") == HostFlag(name: "v6", url: "[::1]:2376"))
    }

    @Test func equalsInsideAURLIsNotAName() {
        #expect(HostFlag("tcp://h/path?x=a=b") == HostFlag(name: nil, url: "tcp://h/path?x=a=b"))
        #expect(HostFlag("tcp://h:1") == HostFlag(name: nil, url: "tcp://h:1"))
    }

    @Test func invalidNamesAreNotPrefixes() {
        #expect(HostFlag("-x=tcp://h:1").name == nil)
        #expect(HostFlag("a b=tcp://h:1").name == nil)
        #expect(HostFlag("_x=tcp://h:1").name == nil)
    }

    /// Issue 17: `x=` was a TCP host `x=:2375`, and `x=a b` a schemeless URL.
    @Test func theNameIsSplitFirstAndTheRestIsDockersHost() throws {
        #expect(HostFlag("x=") == HostFlag(name: "x", url: ""))
        #expect(try HostSyntax.parse(HostFlag("x=").url, defaultToTLS: false) == .unix(path: "/var/run/docker.sock"))
        #expect(try HostSyntax.parse(HostFlag("x=").url, defaultToTLS: true) == .tcp(host: "localhost", port: 2376, basePath: ""))
        let spaced = HostFlag("x=something with spaces")
        #expect(spaced.name == "x")
        #expect(throws: HostSyntaxError.self) { try HostSyntax.parse(spaced.url, defaultToTLS: false) }
        #expect(HostFlag("a=b=c") == HostFlag(name: "a", url: "b=c"))
        #expect(HostFlag("web=tcp://h/p?q=1") == HostFlag(name: "web", url: "tcp://h/p?q=1"))
    }

    @Test func derivedNames() throws {
        func derived(_ url: String) throws -> String {
            EndpointName.derived(for: try HostSyntax.parse(url, defaultToTLS: false))
        }
        #expect(try derived("") == "local")
        #expect(try derived("unix:///var/run/docker.sock") == "local")
        #expect(try derived("unix:///run/e1.sock") == "e1")
        #expect(try derived("unix:///tmp/my engine.sock") == "my-engine")
        #expect(try derived("unix:///run/.sock") == "unix", "nothing usable left: fall back to the scheme")
        #expect(try derived("fd://3") == "fd3")
        #expect(try derived("tcp://127.0.0.1:12376") == "127.0.0.1-12376")
        #expect(try derived("tcp://[::1]:2376") == "1-2376")
        #expect(try derived("tcp://[fe80::1]:2376") == "fe80-1-2376")
        for url in ["unix:///run/e1.sock", "fd://3", "tcp://[::1]:2376", "tcp://h:1/p", "unix:///x/@@@"] {
            #expect(EndpointName.isValid(try derived(url)), "\(url)")
        }
    }

    @Test func nameValidity() {
        #expect(EndpointName.isValid("web1"))
        #expect(EndpointName.isValid("1.2-3_x"))
        #expect(!EndpointName.isValid(""))
        #expect(!EndpointName.isValid(".hidden"))
        #expect(!EndpointName.isValid("a:b"))
        #expect(!EndpointName.isValid("a/b"))
        #expect(!EndpointName.isValid("é"))
    }
}

extension HostFlag {
    init(name: String?, url: String) {
        self.init(url)
        self.name = name
        self.url = url
    }
}
