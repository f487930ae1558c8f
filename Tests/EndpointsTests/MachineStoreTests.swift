import Testing
@testable import Endpoints

/// docker/machine libmachine/persist/filestore.go: reading `machines/NAME/config.json` and the certificate copies.
@Suite struct MachineStoreTests {
    let tree: TempTree
    var root: String { tree.path("machine") }
    init() throws { tree = try TempTree() }

    /// A provisioned machine: config plus ca/cert/key copies in its folder.
    func addMachine(_ name: String, _ config: String, copies: Bool = true) throws {
        try tree.write("machine/machines/\(name)/config.json", config)
        if copies { try tree.writeCerts(in: "machine/machines/\(name)") }
    }

    @Test func rootFromEnvironmentOrHome() {
        #expect(MachineStore.root(environment: ["MACHINE_STORAGE_PATH": "/s"], home: "/h") == "/s")
        #expect(MachineStore.root(environment: ["MACHINE_STORAGE_PATH": ""], home: "/h") == "/h/.docker/machine")
        #expect(MachineStore.root(environment: [:], home: "/h") == "/h/.docker/machine")
    }

    @Test func genericDriverUsesIPAddressAndEnginePort() throws {
        try addMachine("web1", MachineFixtures.generic(root: root, name: "web1", ip: "203.0.113.10", enginePort: 12376))
        let (endpoints, diagnostics) = MachineStore.load(root: root)
        #expect(diagnostics.isEmpty)
        let e = try #require(endpoints.first)
        #expect(e.name == "web1")
        #expect(e.source == .machine(store: root))
        #expect(e.address == .tcp(host: "203.0.113.10", port: 12376, basePath: ""))
        let dir = root + "/machines/web1"
        #expect(e.tls == TLSSettings(caFile: dir + "/ca.pem", certificateFile: dir + "/cert.pem",
                                     privateKeyFile: dir + "/key.pem", verify: true))
        #expect(e.certDirectory == dir)
    }

    /// A port no socket address can hold crashed every start; now it costs that machine alone.
    @Test func outOfRangePortIsThatMachinesDiagnostic() throws {
        let ip = "\"IPAddress\": \"127.0.0.1\""
        for (name, driver, _) in [("big", "\(ip), \"EnginePort\": 70000", "Driver.EnginePort 70000"),
                                      ("neg", "\(ip), \"DockerPort\": -1", "Driver.DockerPort -1"),
                                      ("huge", "\(ip), \"EnginePort\": 1e300", "Driver.EnginePort 1e+300"),
                                      ("text", "\(ip), \"EnginePort\": \"2376\\u001b[31m\"", #"Driver.EnginePort "2376\x1b[31m""#)] {
            try addMachine(name, MachineFixtures.config(root: root, name: name, driverName: "generic", driver: driver))
        }
        try addMachine("good", MachineFixtures.generic(root: root, name: "good", ip: "127.0.0.1", enginePort: 65535))
        let (endpoints, diagnostics) = MachineStore.load(root: root)
        #expect(endpoints.map(\.name) == ["good"])
        #expect(endpoints.first?.address == .tcp(host: "127.0.0.1", port: 65535, basePath: ""))
        let expected = [("big", "Driver.EnginePort 70000"), ("huge", "Driver.EnginePort 1e+300"), ("neg", "Driver.DockerPort -1"),
                        ("text", #"Driver.EnginePort "2376\x1b[31m""#)]
        #expect(diagnostics.map(\.message) == expected.map { name, shown in
            "machine \(name): \(root)/machines/\(name)/config.json: \(shown) is not a port (0-65535)"
        })
    }

    @Test func virtualboxDefaultsTo2376() throws {
        try addMachine("dev", MachineFixtures.virtualbox(root: root, name: "dev", ip: "192.168.99.100"))
        let (endpoints, diagnostics) = MachineStore.load(root: root)
        #expect(diagnostics.isEmpty)
        #expect(endpoints.first?.address == .tcp(host: "192.168.99.100", port: 2376, basePath: ""))
    }

    @Test func ipv6AddressIsBracketedWithDefaultPort() throws {
        try addMachine("v6", MachineFixtures.virtualbox(root: root, name: "v6", ip: "fd00::10"))
        let (endpoints, _) = MachineStore.load(root: root)
        #expect(endpoints.first?.address == .tcp(host: "fd00::10", port: 2376, basePath: ""))
        #expect(endpoints.first?.address.description == "tcp://[fd00::10]:2376")
    }

    @Test func noneDriverUsesURLAndFallsBackToAuthOptionsCerts() throws {
        // -d none never provisions: no copies in the machine folder, certs only in the shared certs/.
        try addMachine("ext", MachineFixtures.none(root: root, name: "ext", url: "tcp://127.0.0.1:12376", ip: "127.0.0.1:12376"),
                       copies: false)
        try tree.writeCerts(in: "machine/certs")
        let (endpoints, diagnostics) = MachineStore.load(root: root)
        #expect(diagnostics.isEmpty)
        let e = try #require(endpoints.first)
        #expect(e.address == .tcp(host: "127.0.0.1", port: 12376, basePath: ""))
        #expect(e.tls == TLSSettings(caFile: root + "/certs/ca.pem", certificateFile: root + "/certs/cert.pem",
                                     privateKeyFile: root + "/certs/key.pem", verify: true))
        #expect(e.certDirectory == root + "/machines/ext")
    }

    /// A descriptor number in a file names whatever dmux has open; only a parent can hand one over.
    @Test func fdDriverURLIsRefusedNamingTheMachine() throws {
        try addMachine("evil", MachineFixtures.none(root: root, name: "evil", url: "fd://18", ip: "127.0.0.1:1"), copies: false)
        try addMachine("good", MachineFixtures.generic(root: root, name: "good", ip: "10.0.0.1"))
        let (endpoints, diagnostics) = MachineStore.load(root: root)
        #expect(endpoints.map(\.name) == ["good"])
        #expect(diagnostics.map(\.description) == [
            "error: machine evil: \(root)/machines/evil/config.json: Driver.URL fd://18: fd:// is not accepted from the machine store",
        ])
    }

    @Test func noneDriverWithoutURLUsesHostPortFromIPAddress() throws {
        try addMachine("ext2", MachineFixtures.none(root: root, name: "ext2", url: "", ip: "127.0.0.1:12377"))
        let (endpoints, diagnostics) = MachineStore.load(root: root)
        #expect(diagnostics.isEmpty)
        #expect(endpoints.first?.address == .tcp(host: "127.0.0.1", port: 12377, basePath: ""))
    }

    @Test func brokenMachinesAreReportedAndOthersStillLoad() throws {
        try addMachine("a-good", MachineFixtures.generic(root: root, name: "a-good", ip: "10.0.0.1"))
        let full = MachineFixtures.generic(root: root, name: "b-trunc", ip: "10.0.0.2")
        try addMachine("b-trunc", String(full.prefix(full.count / 2)))
        try tree.mkdir("machine/machines/c-noconfig")
        try addMachine("d-noca", MachineFixtures.generic(root: root, name: "d-noca", ip: "10.0.0.4"), copies: false)
        try addMachine("e-future", MachineFixtures.config(root: root, name: "e-future", driverName: "generic",
            driver: MachineFixtures.baseDriver(root: root, name: "e-future", ip: "10.0.0.5"), version: 4))
        try addMachine("f-noip", MachineFixtures.virtualbox(root: root, name: "f-noip", ip: ""))
        try addMachine("g-empty", "")
        try tree.write("machine/machines/.hidden/config.json", "{")
        try tree.write("machine/machines/not-a-dir", "x")

        let (endpoints, diagnostics) = MachineStore.load(root: root)
        #expect(endpoints.map(\.name) == ["a-good"])
        #expect(diagnostics.count == 6, "\(diagnostics)")
        #expect(diagnostics.allSatisfy { $0.severity == .error })
        let byMachine = { (name: String) in diagnostics.first { $0.message.hasPrefix("machine \(name):") }?.message ?? "" }
        #expect(byMachine("b-trunc").contains("machines/b-trunc/config.json: malformed JSON: unexpected end of data"))
        #expect(byMachine("c-noconfig").contains("open \(root)/machines/c-noconfig/config.json: no such file or directory"))
        #expect(byMachine("d-noca").contains("open \(root)/machines/d-noca/ca.pem: no such file or directory"))
        #expect(byMachine("d-noca").contains("\(root)/certs/ca.pem"), "names the AuthOptions fallback too")
        #expect(byMachine("e-future").contains("ConfigVersion 4"))
        #expect(byMachine("f-noip").contains("Driver.IPAddress"))
        #expect(byMachine("g-empty").contains("malformed JSON"))
    }

    @Test func olderConfigVersionsAreAccepted() throws {
        try addMachine("old", MachineFixtures.config(root: root, name: "old", driverName: "generic",
            driver: MachineFixtures.baseDriver(root: root, name: "old", ip: "10.0.0.9"), version: 1))
        let (endpoints, diagnostics) = MachineStore.load(root: root)
        #expect(diagnostics.isEmpty)
        #expect(endpoints.first?.address == .tcp(host: "10.0.0.9", port: 2376, basePath: ""))
    }

    @Test func missingClientCertificateIsAWarning() throws {
        try tree.write("machine/machines/nocert/config.json", MachineFixtures.generic(root: root, name: "nocert", ip: "10.0.0.3"))
        try tree.writeCerts(in: "machine/machines/nocert", cert: false, key: false)
        let (endpoints, diagnostics) = MachineStore.load(root: root)
        let e = try #require(endpoints.first)
        #expect(e.tls?.certificateFile == nil)
        #expect(e.tls?.verify == true)
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.severity == .warning)
        #expect(diagnostics.first?.message.contains("machine nocert") == true)
    }

    @Test func machinesAreSortedAndDirectoryNameWins() throws {
        try addMachine("zeta", MachineFixtures.generic(root: root, name: "something-else", ip: "10.0.0.2"))
        try addMachine("alpha", MachineFixtures.generic(root: root, name: "alpha", ip: "10.0.0.1"))
        let (endpoints, _) = MachineStore.load(root: root)
        #expect(endpoints.map(\.name) == ["alpha", "zeta"])
    }

    @Test func missingStoreIsEmptyAndQuiet() {
        let (endpoints, diagnostics) = MachineStore.load(root: tree.path("nowhere"))
        #expect(endpoints.isEmpty)
        #expect(diagnostics.isEmpty)
    }
}
