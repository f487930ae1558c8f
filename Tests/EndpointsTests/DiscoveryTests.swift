import Testing
@testable import Endpoints

/// Merging: -H, environment, machine store, contexts; unique names; docker's default socket.
@Suite struct DiscoveryTests {
    let tree: TempTree
    init() throws { tree = try TempTree() }

    var home: String { tree.path("home") }

    func options(_ hosts: [String] = [], env: [String: String] = [:]) -> DiscoveryOptions {
        DiscoveryOptions(hostFlags: hosts, environment: env, homeDirectory: home,
                         defaultSocketPath: tree.path("run/docker.sock"))
    }

    func addMachine(_ name: String, ip: String) throws {
        let root = home + "/.docker/machine"
        try tree.write("home/.docker/machine/machines/\(name)/config.json",
                       MachineFixtures.generic(root: root, name: name, ip: ip))
        try tree.writeCerts(in: "home/.docker/machine/machines/\(name)")
    }

    func addContext(_ name: String, host: String) throws {
        try tree.write("home/.docker/contexts/meta/\(ContextStore.contextID(name))/meta.json",
                       #"{"Name":"\#(name)","Metadata":{},"Endpoints":{"docker":{"Host":"\#(host)","SkipTLSVerify":false}}}"#)
    }

    @Test func sourcesMergeInOrder() throws {
        try addMachine("m1", ip: "10.0.0.1")
        try addContext("c1", host: "unix:///run/c1.sock")
        let d = EndpointDiscovery.discover(options(["h1=unix:///run/h1.sock"], env: ["DOCKER_HOST": "tcp://e:1"]))
        #expect(d.endpoints.map(\.name) == ["h1", "env", "m1", "c1"])
        #expect(d.endpoints.map(\.source.description) == ["-H", "env", "machine", "context"])
        #expect(d.diagnostics.isEmpty, "\(d.diagnostics)")
    }

    @Test func laterSourcesGetQualifiedNames() throws {
        try addMachine("web", ip: "10.0.0.1")
        try addContext("web", host: "tcp://10.0.0.1:2376")
        try addContext("web1", host: "tcp://10.0.0.2:2376")
        let d = EndpointDiscovery.discover(options(
            ["web=unix:///run/web.sock"], env: ["DOCKER_HOST": "tcp://10.0.0.2:2376", "DOCKER_MACHINE_NAME": "web1"]))
        #expect(d.endpoints.map(\.name) == ["web", "web1", "machine:web", "ctx:web", "ctx:web1"])
        let warnings = d.diagnostics.filter { $0.severity == .warning }
        #expect(warnings.count == 3)
        #expect(warnings.contains { $0.message.contains("\"web\" is already taken by -H") && $0.message.contains("\"machine:web\"") })
        #expect(warnings.contains { $0.message.contains("\"web1\" is already taken by env") })
    }

    @Test func currentContextIsReportedEvenWhenRenamed() throws {
        try addContext("web", host: "unix:///run/web.sock")
        try tree.write("home/.docker/config.json", #"{"currentContext":"web"}"#)
        let d = EndpointDiscovery.discover(options(["web=fd://4"]))
        #expect(d.currentContext == "web")
        #expect(d.currentContextEndpoint?.name == "ctx:web")
        #expect(d.currentContextEndpoint?.address == .unix(path: "/run/web.sock"))
    }

    @Test func sameEngineTwiceIsTwoEntries() {
        let d = EndpointDiscovery.discover(options(["unix:///run/e1.sock", "unix:///run/e1.sock", "x=fd://3", "x=fd://4"]))
        #expect(d.endpoints.map(\.name) == ["e1", "e1-2", "x", "x-2"])
        #expect(d.diagnostics.count == 2)
    }

    @Test func qualifiedNamesStayUnique() {
        var d = Discovery()
        d.add(Endpoint(name: "a", source: .flag, address: .fd(3)))
        d.add(Endpoint(name: "ctx:a", source: .flag, address: .fd(4)))
        let given = d.add(Endpoint(name: "a", source: .context(name: "a"), address: .fd(5)))
        #expect(given == "ctx:a-2")
        #expect(Set(d.endpoints.map(\.name)).count == 3)
        let connected = d.add(Endpoint(name: "a", source: .connect, address: .fd(6)))
        #expect(connected == "connect:a")
        #expect(d.endpoint(named: "connect:a")?.address == .fd(6))
    }

    /// A `-H` the user typed is a usage error (issue 12 item 10), kept apart from the diagnostics
    /// of files and variables, which stay warnings while the rest loads.
    @Test func invalidFlagIsAUsageErrorAndOthersLoad() throws {
        try addMachine("m1", ip: "10.0.0.1")
        let d = EndpointDiscovery.discover(options(["ok=fd://3", "bad=http://127.0.0.1:12376", "fd://"]))
        #expect(d.endpoints.map(\.name) == ["ok", "m1"])
        #expect(d.diagnostics.filter { $0.severity == .error }.isEmpty)
        let errors = d.usageErrors.map(\.message)
        #expect(errors == [
            "-H bad=http://127.0.0.1:12376: invalid bind address format: http://127.0.0.1:12376",
            "-H fd://: invalid fd host `fd://`: expected fd://N with N a descriptor number, e.g. fd://3",
        ])
    }

    @Test func defaultSocketWhenNothingElse() throws {
        #expect(EndpointDiscovery.discover(options()).endpoints.isEmpty, "no socket file: nothing")
        try tree.write("run/docker.sock", "")
        let d = EndpointDiscovery.discover(options())
        #expect(d.endpoints.map(\.name) == ["local"])
        #expect(d.endpoints.first?.address == .unix(path: tree.path("run/docker.sock")))
    }

    @Test func defaultSocketNotAddedWhenSomethingWasConfigured() throws {
        try tree.write("run/docker.sock", "")
        try addContext("c1", host: "unix:///run/c1.sock")
        #expect(EndpointDiscovery.discover(options()).endpoints.map(\.name) == ["c1"])
        try tree.write("home/.docker/contexts/meta/\(ContextStore.contextID("c1"))/meta.json", "{")
        let broken = EndpointDiscovery.discover(options(["http://x"]))
        #expect(broken.endpoints.isEmpty, "a bad -H is an error, not a reason to pick another engine")
    }

    @Test func sourcesCanBeSwitchedOff() throws {
        try addMachine("m1", ip: "10.0.0.1")
        try addContext("c1", host: "unix:///run/c1.sock")
        var o = options()
        o.includeMachines = false
        #expect(EndpointDiscovery.discover(o).endpoints.map(\.name) == ["c1"])
        o.includeContexts = false
        o.includeMachines = true
        #expect(EndpointDiscovery.discover(o).endpoints.map(\.name) == ["m1"])
    }

    @Test func machineStoragePathAndDockerConfigAreHonoured() throws {
        let root = tree.path("store")
        try tree.write("store/machines/s1/config.json", MachineFixtures.generic(root: root, name: "s1", ip: "10.1.1.1"))
        try tree.writeCerts(in: "store/machines/s1")
        try tree.write("cfg/contexts/meta/\(ContextStore.contextID("c9"))/meta.json",
                       #"{"Name":"c9","Endpoints":{"docker":{"Host":"unix:///run/c9.sock"}}}"#)
        let d = EndpointDiscovery.discover(options(env: ["MACHINE_STORAGE_PATH": root, "DOCKER_CONFIG": tree.path("cfg")]))
        #expect(d.endpoints.map(\.name) == ["s1", "c9"])
        #expect(d.endpoints.first?.source == .machine(store: root))
    }

    @Test func diagnosticsReadAsOneLine() {
        let d = EndpointDiscovery.discover(options(["http://x"]))
        #expect(d.usageErrors.map(\.description) == ["error: -H http://x: invalid bind address format: http://x"])
        #expect(d.usageErrors.allSatisfy { !$0.description.contains("\n") })
    }
}

@Suite struct ConnectSpecTests {
    let tree: TempTree
    init() throws { tree = try TempTree() }

    @Test func plainConnect() throws {
        let (e, warnings) = try ConnectSpec.endpoint(name: "e9", url: "unix:///run/e9.sock", tlsVerify: false, tls: false,
                                                     certPath: nil, environment: [:], home: tree.root)
        #expect(e == Endpoint(name: "e9", source: .connect, address: .unix(path: "/run/e9.sock")))
        #expect(warnings.isEmpty)
    }

    @Test func tlsConnectWithCertPath() throws {
        try tree.writeCerts(in: "c")
        let dir = tree.path("c")
        let (e, _) = try ConnectSpec.endpoint(name: "web", url: "tcp://127.0.0.1:12376", tlsVerify: true, tls: false,
                                              certPath: dir, environment: ["DOCKER_TLS": "1"], home: tree.root)
        #expect(e.tls == TLSSettings(caFile: dir + "/ca.pem", certificateFile: dir + "/cert.pem",
                                     privateKeyFile: dir + "/key.pem", verify: true))
        #expect(e.certDirectory == dir)
    }

    @Test func environmentTLSDoesNotApplyToConnect() throws {
        let (e, _) = try ConnectSpec.endpoint(name: "p", url: "tcp://h:2375", tlsVerify: false, tls: false, certPath: nil,
                                              environment: ["DOCKER_TLS_VERIFY": "1"], home: tree.root)
        #expect(e.tls == nil)
    }

    @Test func tlsWithoutVerifyUsesDockerCertPath() throws {
        try tree.writeCerts(in: "env", key: false)
        let (e, warnings) = try ConnectSpec.endpoint(name: "p", url: "tcp://h:2376", tlsVerify: false, tls: true, certPath: nil,
                                                     environment: ["DOCKER_CERT_PATH": tree.path("env")], home: tree.root)
        #expect(e.tls?.verify == false)
        #expect(e.tls?.caFile == tree.path("env/ca.pem"))
        #expect(warnings.count == 1)
        #expect(warnings.first?.message.hasPrefix("connect p: ") == true)
    }

    @Test func errorsNameTheEndpoint() {
        #expect(throws: ConnectError.self) {
            try ConnectSpec.endpoint(name: "bad name", url: "fd://3", tlsVerify: false, tls: false, certPath: nil,
                                     environment: [:], home: "/")
        }
        do {
            _ = try ConnectSpec.endpoint(name: "w", url: "tcp://h:1", tlsVerify: true, tls: false,
                                         certPath: tree.path("none"), environment: [:], home: tree.root)
            Issue.record("missing ca.pem must fail")
        } catch {
            #expect(error.description == "connect w: TLS is on (--tlsverify) but open \(tree.path("none"))/ca.pem: no such file or directory")
        }
        do {
            _ = try ConnectSpec.endpoint(name: "w", url: "https://h", tlsVerify: false, tls: false, certPath: nil,
                                         environment: [:], home: tree.root)
            Issue.record("https:// is not docker host syntax")
        } catch {
            #expect(error.description == "connect w: invalid bind address format: https://h")
        }
    }
}
