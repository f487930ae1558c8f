import Foundation
import Testing
@testable import Endpoints

/// docker/cli cli/context/store (metadatastore.go, tlsstore.go): `contexts/meta/<sha256>/meta.json` and `contexts/tls/<sha256>/docker/`.
@Suite struct ContextStoreTests {
    let tree: TempTree
    var config: String { tree.path("cfg") }
    init() throws { tree = try TempTree() }

    func addContext(_ name: String, host: String, skipVerify: Bool = false, lowercase: Bool = false,
                    dir: String? = nil) throws {
        let id = dir ?? ContextStore.contextID(name)
        let json = lowercase
            ? #"{"name":"\#(name)","metadata":{},"endpoints":{"docker":{"host":"\#(host)","skiptlsverify":\#(skipVerify)}}}"#
            : #"{"Name":"\#(name)","Metadata":{"Description":"machine web1"},"Endpoints":{"docker":{"Host":"\#(host)","SkipTLSVerify":\#(skipVerify)}}}"#
        try tree.write("cfg/contexts/meta/\(id)/meta.json", json)
    }

    func tlsDir(_ name: String) -> String { config + "/contexts/tls/\(ContextStore.contextID(name))/docker" }

    @Test func contextIDIsSHA256OfTheName() {
        // Digests from `printf NAME | sha256sum`.
        #expect(ContextStore.contextID("web-tls") == "dae66509728c15262f83c3590bfea0851b514de7bfac3c6d5c40ae724f29528b")
        #expect(ContextStore.contextID("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(ContextStore.contextID("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func configDirectory() {
        #expect(ContextStore.configDirectory(environment: ["DOCKER_CONFIG": "/c"], homeDirectory: "/h") == "/c")
        #expect(ContextStore.configDirectory(environment: [:], homeDirectory: "/h") == "/h/.docker")
    }

    /// docker/cli's `ValidateContextName`: a name from a file is never trusted (it becomes a
    /// `@target` and a table cell), so an escape sequence in it is a diagnostic, shown escaped.
    @Test func namesFollowDockersRule() throws {
        try addContext(#"\u001b[31mred"#, host: "tcp://h:1", dir: "a")
        try addContext("x", host: "tcp://h:1", dir: "b")
        try addContext("default", host: "tcp://h:1", dir: "c")
        try addContext("web+1.a_b-c", host: "tcp://h:1", dir: "d")
        let loaded = ContextStore.load(configDirectory: config)
        #expect(loaded.endpoints.map(\.name) == ["web+1.a_b-c"])
        let messages = loaded.diagnostics.map(\.description)
        #expect(messages.count == 3, "\(messages)")
        #expect(messages.contains { $0.contains(#"context name "\x1b[31mred" is invalid, names are validated against regexp "^[a-zA-Z0-9][a-zA-Z0-9_.+-]+$""#) }, "\(messages)")
        #expect(messages.contains { $0.contains(#"context name "x" is invalid"#) }, "\(messages)")
        #expect(messages.contains { $0.contains(#""default" is a reserved context name"#) }, "\(messages)")
        #expect(!messages.joined().contains("\u{1B}"))
    }

    @Test func plainContext() throws {
        try addContext("web-plain", host: "tcp://127.0.0.1:12375")
        let loaded = ContextStore.load(configDirectory: config)
        #expect(loaded.diagnostics.isEmpty)
        let e = try #require(loaded.endpoints.first)
        #expect(e.name == "web-plain")
        #expect(e.source == .context(name: "web-plain"))
        #expect(e.address == .tcp(host: "127.0.0.1", port: 12375, basePath: ""))
        #expect(e.tls == nil)
        #expect(e.certDirectory == nil)
    }

    /// `docker context create --docker host=ssh://…`: the commonest remote context.
    @Test func sshContext() throws {
        try addContext("remote", host: "ssh://me@web1:2222")
        let loaded = ContextStore.load(configDirectory: config)
        #expect(loaded.diagnostics.isEmpty)
        let e = try #require(loaded.endpoints.first)
        #expect(e.address == .ssh(SSHDestination(user: "me", host: "web1", port: 2222)))
        #expect(e.tls == nil)
    }

    @Test func contextWithTLSFilesVerifies() throws {
        try addContext("web-tls", host: "tcp://127.0.0.1")
        try tree.writeCerts(in: "cfg/contexts/tls/\(ContextStore.contextID("web-tls"))/docker")
        let loaded = ContextStore.load(configDirectory: config)
        #expect(loaded.diagnostics.isEmpty)
        let e = try #require(loaded.endpoints.first)
        #expect(e.address == .tcp(host: "127.0.0.1", port: 443, basePath: ""), "TLS context without port dials 443")
        let dir = tlsDir("web-tls")
        #expect(e.tls == TLSSettings(caFile: dir + "/ca.pem", certificateFile: dir + "/cert.pem",
                                     privateKeyFile: dir + "/key.pem", verify: true))
        #expect(e.certDirectory == dir)
    }

    @Test func skipTLSVerifyAloneTurnsTLSOn() throws {
        try addContext("skip", host: "tcp://127.0.0.2:12376", skipVerify: true)
        let loaded = ContextStore.load(configDirectory: config)
        let tls = try #require(loaded.endpoints.first?.tls)
        #expect(tls.verify == false)
        #expect(tls.caFile == "", "no ca.pem: nothing to verify with, and nothing is verified")
        #expect(tls.certificateFile == nil)
        #expect(loaded.diagnostics.count == 1, "no client certificate is worth a warning")
        #expect(loaded.diagnostics.first?.severity == .warning)
    }

    @Test func clientCertificateWithoutCAIsRefused() throws {
        try addContext("noca", host: "tcp://h:2376")
        try tree.writeCerts(in: "cfg/contexts/tls/\(ContextStore.contextID("noca"))/docker", ca: false)
        let loaded = ContextStore.load(configDirectory: config)
        #expect(loaded.endpoints.isEmpty, "dmux never falls back to system roots")
        #expect(loaded.diagnostics.first?.severity == .error)
        #expect(loaded.diagnostics.first?.message.contains(tlsDir("noca") + "/ca.pem") == true)
    }

    @Test func lowercaseKeysLoadToo() throws {
        try addContext("lower", host: "tcp://h:1", skipVerify: true, lowercase: true)
        let loaded = ContextStore.load(configDirectory: config)
        let e = try #require(loaded.endpoints.first)
        #expect(e.name == "lower")
        #expect(e.address == .tcp(host: "h", port: 1, basePath: ""))
        #expect(e.tls?.verify == false)
    }

    @Test func socketContextsNeverUseTLS() throws {
        try addContext("web-unix", host: "unix:///run/e1.sock", skipVerify: true)
        try tree.writeCerts(in: "cfg/contexts/tls/\(ContextStore.contextID("web-unix"))/docker")
        try addContext("web-unix2", host: "unix:///run/e2.sock")
        let loaded = ContextStore.load(configDirectory: config)
        #expect(loaded.endpoints.map(\.name) == ["web-unix", "web-unix2"])
        #expect(loaded.endpoints.map(\.address) == [.unix(path: "/run/e1.sock"), .unix(path: "/run/e2.sock")])
        #expect(loaded.endpoints.allSatisfy { $0.tls == nil })
        #expect(loaded.diagnostics.isEmpty)
    }

    /// A descriptor number in a file names whatever dmux has open (its own engine sockets, NIO's epoll).
    @Test func fdHostsAreRefusedNamingTheContext() throws {
        try addContext("evil", host: "fd://13")
        try addContext("good", host: "unix:///run/e1.sock")
        let loaded = ContextStore.load(configDirectory: config)
        #expect(loaded.endpoints.map(\.name) == ["good"])
        let file = config + "/contexts/meta/\(ContextStore.contextID("evil"))/meta.json"
        #expect(loaded.diagnostics.map(\.description) == [
            "error: context evil (\(file)): fd://13: fd:// names a descriptor handed to dmux by its parent, "
                + "which a file cannot know; use -H evil=fd://13",
        ])
    }

    @Test func directoryNotNamedByDigestStillLoads() throws {
        try addContext("odd", host: "tcp://h:1", dir: "nested/whatever")
        let loaded = ContextStore.load(configDirectory: config)
        #expect(loaded.endpoints.map(\.name) == ["odd"])
    }

    @Test func currentContextIsReported() throws {
        try addContext("web-unix", host: "unix:///run/e1.sock")
        try tree.write("cfg/config.json", #"{"auths":{},"currentContext":"web-unix"}"#)
        #expect(ContextStore.load(configDirectory: config).currentContext == "web-unix")
        try tree.write("cfg/config.json", #"{"auths":{}}"#)
        #expect(ContextStore.load(configDirectory: config).currentContext == nil)
        try tree.write("cfg/config.json", #"{"auths":"#)
        let broken = ContextStore.load(configDirectory: config)
        #expect(broken.currentContext == nil)
        #expect(broken.endpoints.count == 1, "a broken config.json does not hide contexts")
        #expect(broken.diagnostics.first?.message.contains(config + "/config.json") == true)
    }

    @Test func brokenContextsAreReportedAndOthersLoad() throws {
        try addContext("good", host: "tcp://h:1")
        try tree.write("cfg/contexts/meta/\(ContextStore.contextID("bad"))/meta.json", #"{"Name":"bad","Endp"#)
        try addContext("sshy", host: "ssh://user:secret@host")
        try tree.write("cfg/contexts/meta/\(ContextStore.contextID("k8s"))/meta.json",
                       #"{"Name":"k8s","Metadata":{},"Endpoints":{"kubernetes":{}}}"#)
        try addContext("badhost", host: "http://")
        let loaded = ContextStore.load(configDirectory: config)
        #expect(loaded.endpoints.map(\.name) == ["good"])
        #expect(loaded.diagnostics.count == 4, "\(loaded.diagnostics)")
        let text = loaded.diagnostics.map(\.message).joined(separator: "\n")
        #expect(text.contains("/meta.json: malformed JSON"))
        #expect(text.contains("context sshy"))
        #expect(text.contains("context k8s") && text.contains("no docker endpoint"))
        #expect(text.contains("context badhost"))
    }

    @Test func missingStoreIsEmptyAndQuiet() {
        let loaded = ContextStore.load(configDirectory: tree.path("none"))
        #expect(loaded.endpoints.isEmpty)
        #expect(loaded.diagnostics.isEmpty)
        #expect(loaded.currentContext == nil)
    }
}
