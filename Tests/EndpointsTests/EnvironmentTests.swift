import Testing
@testable import Endpoints

/// docker/cli cli/flags/options.go `SetDefaultOptions`: the docker CLI's TLS resolution for `DOCKER_HOST` and `-H`.
@Suite struct EnvironmentTests {
    let tree: TempTree
    init() throws { tree = try TempTree() }

    func discover(
        _ env: [String: String], hosts: [String] = [], tls: Bool = false, tlsVerify: Bool? = nil,
        tlsCert: String? = nil
    ) -> Discovery {
        EndpointDiscovery.discover(DiscoveryOptions(
            hostFlags: hosts, tls: tls, tlsVerify: tlsVerify, tlsCert: tlsCert, environment: env,
            homeDirectory: tree.path("home"), includeMachines: false, includeContexts: false,
            defaultSocketPath: tree.path("no/docker.sock")))
    }

    var certs: String { tree.path("certs") }

    @Test func nothingConfiguredMeansNothing() {
        let d = discover([:])
        #expect(d.endpoints.isEmpty)
        #expect(d.diagnostics.isEmpty)
        #expect(discover(["DOCKER_HOST": ""]).endpoints.isEmpty, "28.x treats an empty DOCKER_HOST as unset")
    }

    @Test func plainDockerHost() throws {
        let d = discover(["DOCKER_HOST": "tcp://127.0.0.1:12376"])
        let e = try #require(d.endpoints.first)
        #expect(d.endpoints.count == 1)
        #expect(e.name == "env")
        #expect(e.source == .environment)
        #expect(e.address == .tcp(host: "127.0.0.1", port: 12376, basePath: ""))
        #expect(e.tls == nil)
        #expect(e.apiVersion == nil)
        #expect(d.diagnostics.isEmpty)
    }

    @Test(arguments: ["1", "0", "false", "no"])
    func anyNonEmptyTLSVerifyMeansVerify(_ value: String) throws {
        try tree.writeCerts(in: "certs")
        let d = discover(["DOCKER_HOST": "tcp://127.0.0.1:12376", "DOCKER_TLS_VERIFY": value, "DOCKER_CERT_PATH": certs])
        let e = try #require(d.endpoints.first)
        #expect(e.tls == TLSSettings(caFile: certs + "/ca.pem", certificateFile: certs + "/cert.pem",
                                     privateKeyFile: certs + "/key.pem", verify: true))
        #expect(e.certDirectory == certs)
        #expect(d.diagnostics.isEmpty)
    }

    @Test(arguments: ["1", "0"])
    func dockerTLSEncryptsWithoutVerifying(_ value: String) throws {
        try tree.writeCerts(in: "certs")
        let d = discover(["DOCKER_HOST": "tcp://h:2376", "DOCKER_TLS": value, "DOCKER_CERT_PATH": certs])
        let tls = try #require(d.endpoints.first?.tls)
        #expect(tls.verify == false)
        #expect(tls.certificateFile == certs + "/cert.pem", "the client certificate is still sent")
    }

    @Test func verifyWinsOverDockerTLS() throws {
        try tree.writeCerts(in: "certs")
        let d = discover(["DOCKER_HOST": "tcp://h:1", "DOCKER_TLS": "1", "DOCKER_TLS_VERIFY": "1", "DOCKER_CERT_PATH": certs])
        #expect(d.endpoints.first?.tls?.verify == true)
    }

    @Test func tlsVerifyFalseFlagOverridesEnvironment() throws {
        try tree.writeCerts(in: "certs")
        let d = discover(["DOCKER_HOST": "tcp://h:1", "DOCKER_TLS_VERIFY": "1", "DOCKER_CERT_PATH": certs], tlsVerify: false)
        let tls = try #require(d.endpoints.first?.tls, "--tlsverify=false still means TLS, never plaintext")
        #expect(tls.verify == false)
    }

    @Test func tlsVerifyFlagAloneTurnsTLSOn() throws {
        try tree.writeCerts(in: "certs")
        let d = discover(["DOCKER_HOST": "tcp://h:1", "DOCKER_CERT_PATH": certs], tlsVerify: false)
        #expect(d.endpoints.first?.tls?.verify == false)
        let d2 = discover(["DOCKER_HOST": "tcp://h:1", "DOCKER_CERT_PATH": certs], tlsVerify: true)
        #expect(d2.endpoints.first?.tls?.verify == true)
    }

    @Test func certPathAloneDoesNotEnableTLS() throws {
        try tree.writeCerts(in: "certs")
        let d = discover(["DOCKER_HOST": "tcp://h:2376", "DOCKER_CERT_PATH": certs])
        let e = try #require(d.endpoints.first)
        #expect(e.tls == nil)
        #expect(e.certDirectory == nil)
    }

    @Test func missingCAIsAnErrorAndNoEndpoint() {
        let d = discover(["DOCKER_HOST": "tcp://h:2376", "DOCKER_TLS_VERIFY": "1", "DOCKER_CERT_PATH": certs])
        #expect(d.endpoints.isEmpty)
        #expect(d.diagnostics.count == 1)
        let diag = d.diagnostics.first
        #expect(diag?.severity == .error)
        #expect(diag?.message.contains("open \(certs)/ca.pem: no such file or directory") == true, "\(String(describing: diag))")
        #expect(diag?.message.contains("DOCKER_TLS_VERIFY") == true)
    }

    @Test func missingCAIsAnErrorEvenWithSkipVerify() {
        let d = discover(["DOCKER_HOST": "tcp://h:2376", "DOCKER_TLS": "1", "DOCKER_CERT_PATH": certs])
        #expect(d.endpoints.isEmpty)
        #expect(d.diagnostics.first?.severity == .error)
    }

    @Test func missingClientCertificateIsAWarning() throws {
        try tree.writeCerts(in: "certs", cert: false)
        let d = discover(["DOCKER_HOST": "tcp://h:2376", "DOCKER_TLS_VERIFY": "1", "DOCKER_CERT_PATH": certs])
        let tls = try #require(d.endpoints.first?.tls)
        #expect(tls.caFile == certs + "/ca.pem")
        #expect(tls.certificateFile == nil)
        #expect(tls.privateKeyFile == nil, "a key without its certificate is useless")
        #expect(d.diagnostics.count == 1)
        #expect(d.diagnostics.first?.severity == .warning)
        #expect(d.diagnostics.first?.message.contains("\(certs)/cert.pem") == true)
    }

    @Test func explicitMissingCertificateIsAnError() throws {
        try tree.writeCerts(in: "certs")
        let d = discover(["DOCKER_HOST": "tcp://h:2376", "DOCKER_CERT_PATH": certs], tlsVerify: true,
                         tlsCert: tree.path("nope.pem"))
        #expect(d.endpoints.isEmpty)
        #expect(d.diagnostics.first?.message.contains("--tlscert: open \(tree.path("nope.pem"))") == true)
    }

    @Test func unixHostIgnoresTLS() throws {
        try tree.writeCerts(in: "certs")
        let d = discover(["DOCKER_HOST": "unix:///run/e1.sock", "DOCKER_TLS_VERIFY": "1", "DOCKER_CERT_PATH": certs])
        let e = try #require(d.endpoints.first)
        #expect(e.address == .unix(path: "/run/e1.sock"))
        #expect(e.tls == nil)
        #expect(d.diagnostics.isEmpty)
    }

    @Test func unixHostStillNeedsCAOnceTLSIsOn() {
        let d = discover(["DOCKER_HOST": "unix:///run/e1.sock", "DOCKER_TLS_VERIFY": "1", "DOCKER_CERT_PATH": certs])
        #expect(d.endpoints.isEmpty, "docker CLI reads ca.pem even for unix hosts")
        #expect(d.diagnostics.first?.message.contains("ca.pem") == true)
    }

    @Test func tlsWithoutHostMeansLocalhost2376() throws {
        try tree.writeCerts(in: "certs")
        let d = discover(["DOCKER_TLS_VERIFY": "1", "DOCKER_CERT_PATH": certs])
        #expect(d.endpoints.first?.address == .tcp(host: "localhost", port: 2376, basePath: ""))
    }

    @Test func certDirectoryDefaultsToDockerConfigThenHome() throws {
        try tree.writeCerts(in: "cfg")
        let d = discover(["DOCKER_HOST": "tcp://h:1", "DOCKER_TLS_VERIFY": "1", "DOCKER_CONFIG": tree.path("cfg")])
        #expect(d.endpoints.first?.tls?.caFile == tree.path("cfg") + "/ca.pem")

        try tree.writeCerts(in: "home/.docker")
        let d2 = discover(["DOCKER_HOST": "tcp://h:1", "DOCKER_TLS_VERIFY": "1"])
        #expect(d2.endpoints.first?.tls?.caFile == tree.path("home/.docker/ca.pem"))
        #expect(d2.endpoints.first?.certDirectory == tree.path("home/.docker"))
    }

    @Test func machineNameNamesTheEndpoint() {
        let d = discover(["DOCKER_HOST": "tcp://h:1", "DOCKER_MACHINE_NAME": "web1"])
        #expect(d.endpoints.first?.name == "web1")
        let bad = discover(["DOCKER_HOST": "tcp://h:1", "DOCKER_MACHINE_NAME": "a b"])
        #expect(bad.endpoints.first?.name == "env")
        #expect(bad.diagnostics.first?.severity == .warning)
    }

    @Test func apiVersionIsPinnedForFlagsAndEnvironment() {
        let d = discover(["DOCKER_HOST": "tcp://h:1", "DOCKER_API_VERSION": "v1.41"], hosts: ["a=unix:///a.sock"])
        #expect(d.endpoints.map(\.apiVersion) == ["1.41", "1.41"])
        #expect(d.diagnostics.isEmpty)
        let odd = discover(["DOCKER_HOST": "tcp://h:1", "DOCKER_API_VERSION": "garbage"])
        #expect(odd.endpoints.first?.apiVersion == "garbage", "docker 28.2.2 sends it as given")
        #expect(odd.diagnostics.first?.severity == .warning)
    }

    @Test func badDockerHostIsAnError() {
        let d = discover(["DOCKER_HOST": "http://127.0.0.1:12376"])
        #expect(d.endpoints.isEmpty)
        #expect(d.diagnostics == [.error("DOCKER_HOST=http://127.0.0.1:12376: invalid bind address format: http://127.0.0.1:12376")])
    }

    @Test func flagsGetTheSameTLSSettings() throws {
        try tree.writeCerts(in: "certs")
        let d = discover(["DOCKER_TLS_VERIFY": "1", "DOCKER_CERT_PATH": certs],
                         hosts: ["a=tcp://10.0.0.1:2376", "unix:///run/b.sock"])
        #expect(d.endpoints.map(\.name) == ["a", "b"], "no env endpoint: -H was given")
        #expect(d.endpoints[0].tls?.verify == true)
        #expect(d.endpoints[0].source == .flag)
        #expect(d.endpoints[1].tls == nil)
    }

    @Test func tlsFlagWithHost() throws {
        try tree.writeCerts(in: "certs")
        let d = discover(["DOCKER_CERT_PATH": certs], hosts: ["tcp://h"], tls: true)
        let e = try #require(d.endpoints.first)
        #expect(e.address == .tcp(host: "h", port: 2375, basePath: ""), "tcp://h gets 2375 even with TLS")
        #expect(e.tls?.verify == false)
        #expect(d.endpoints.count == 1)
    }

    @Test func clientCertificateWarningIsReportedOnce() throws {
        try tree.writeCerts(in: "certs", key: false)
        let d = discover(["DOCKER_TLS_VERIFY": "1", "DOCKER_CERT_PATH": certs], hosts: ["tcp://a:1", "tcp://b:1"])
        #expect(d.endpoints.count == 2)
        #expect(d.diagnostics.filter { $0.severity == .warning }.count == 1)
    }
}
