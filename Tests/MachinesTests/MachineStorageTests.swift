import Core
import Endpoints
import Foundation
@testable import Machines
import Testing

/// The store side of `machine`: config.json that readers load, no silent overwrite, nothing
/// half-made, regenerate and remove.
@Suite struct MachineStorageTests {
    let root = temporaryStore()
    var storage: MachineStorage { MachineStorage(layout: MachineLayout(root: root), user: "alice") }

    @Test func configJSONIsTheNoneDriverShapeAndLoads() throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        let made = try storage.create(name: "web.1", url: "tcp://127.0.0.1:12376", sans: ["a.example"], force: false)
        let json = try #require(try JSONSerialization.jsonObject(with: contents(made.paths.config)) as? [String: Any])
        #expect(json["ConfigVersion"] as? Int == 3 && json["DriverName"] as? String == "none" && json["Name"] as? String == "web.1")
        let driver = try #require(json["Driver"] as? [String: Any])
        #expect(driver["URL"] as? String == "tcp://127.0.0.1:12376" && driver["IPAddress"] as? String == "127.0.0.1:12376")
        #expect(driver["StorePath"] as? String == root && driver["MachineName"] as? String == "web.1")
        let auth = try #require((json["HostOptions"] as? [String: Any])?["AuthOptions"] as? [String: Any])
        #expect(auth["CaCertPath"] as? String == root + "/certs/ca.pem")
        #expect(auth["ServerCertPath"] as? String == made.paths.serverCertificate)
        #expect(auth["StorePath"] as? String == made.paths.directory)
        #expect(auth["ServerCertSANs"] as? [String] == ["a.example"])
        let engine = try #require((json["HostOptions"] as? [String: Any])?["EngineOptions"] as? [String: Any])
        #expect(engine["TlsVerify"] as? Bool == true)
        // Go's MarshalIndent layout, four spaces.
        #expect(String(decoding: contents(made.paths.config), as: UTF8.self).hasPrefix("{\n    \"ConfigVersion\": 3,\n    \"Driver\": {\n        \"IPAddress\""))

        // dmux's own discovery reads it as a verified TLS engine using the per-machine copies.
        let (endpoints, diagnostics) = MachineStore.load(root: root)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let endpoint = try #require(endpoints.first)
        #expect(endpoint.name == "web.1" && endpoint.address == .tcp(host: "127.0.0.1", port: 12376, basePath: ""))
        #expect(endpoint.tls?.verify == true && endpoint.tls?.caFile == made.paths.caCertificate)
        #expect(endpoint.tls?.certificateFile == made.paths.clientCertificate && endpoint.tls?.privateKeyFile == made.paths.clientKey)
    }

    @Test func configOutputIsDockerMachines() throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        let made = try storage.create(name: "web1", url: "tcp://127.0.0.1:12376", sans: [], force: false)
        let record = try storage.machine("web1")
        let dir = made.paths.directory
        #expect(record.dockerFlags == """
            --tlsverify
            --tlscacert="\(dir)/ca.pem"
            --tlscert="\(dir)/cert.pem"
            --tlskey="\(dir)/key.pem"
            -H=tcp://127.0.0.1:12376

            """)
        #expect(GoStrconv.quote("/a \"b\"\\c\td\u{1}") == #""/a \"b\"\\c\td\x01""#)
        #expect(GoJSON.quote("a<b>&\"") == #""a\u003cb\u003e\u0026\"""#)
    }

    @Test func dropInIsDockerMachinesTemplate() {
        #expect(DaemonSetup(port: 12376).dropIn == """
            [Service]
            ExecStart=
            ExecStart=/usr/bin/dockerd -H tcp://0.0.0.0:12376 -H unix:///var/run/docker.sock --storage-driver overlay2 \
            --tlsverify --tlscacert /etc/docker/ca.pem --tlscert /etc/docker/server.pem --tlskey /etc/docker/server-key.pem \
            --label provider=none \("")
            Environment=

            """)
        #expect(DaemonSetup(port: 2376).dropIn.contains("--label provider=none \n"), "the trailing space is kept")
        let json = try? JSONSerialization.jsonObject(with: Data(DaemonSetup(port: 2376).daemonJSON.utf8)) as? [String: Any]
        #expect(json?["hosts"] as? [String] == ["tcp://0.0.0.0:2376", "unix:///var/run/docker.sock"])
        #expect(json?["tlsverify"] as? Bool == true && json?["tlscert"] as? String == "/etc/docker/server.pem")
    }

    @Test func anExistingMachineIsReplacedOnlyWithForce() throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        let first = try storage.create(name: "m", url: "tcp://127.0.0.1:1", sans: [], force: false)
        let server = contents(first.paths.serverCertificate)
        #expect(throws: MachineError.self) { try storage.create(name: "m", url: "tcp://127.0.0.1:2", sans: [], force: false) }
        #expect(contents(first.paths.serverCertificate) == server)
        #expect(try storage.machine("m").url == "tcp://127.0.0.1:1")
        let ca = contents(storage.layout.caCertificate)
        let second = try storage.create(name: "m", url: "tcp://127.0.0.1:2", sans: [], force: true)
        #expect(contents(second.paths.serverCertificate) != server && second.madeInStore.isEmpty)
        #expect(contents(storage.layout.caCertificate) == ca, "a valid CA is kept")
        #expect(try storage.machine("m").url == "tcp://127.0.0.1:2")
        #expect(try FileManager.default.contentsOfDirectory(atPath: storage.layout.machines) == ["m"], "no staging left")
    }

    @Test func aFailedCreateLeavesNothing() throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        // O=alice.<65 characters> is over X.509's 64-character limit: the server certificate fails
        // after the machine folder was started.
        let long = "m" + String(repeating: "x", count: 64)
        do {
            _ = try storage.create(name: long, url: "tcp://127.0.0.1:1", sans: [], force: false)
            Issue.record("expected a failure")
        } catch {
            #expect(error.kind == .failed && error.description.contains("OpenSSL: setting O=alice.\(long) failed: string too long"), "\(error)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: storage.layout.machines).isEmpty)
    }

    @Test func badInputIsAUsageError() {
        defer { try? FileManager.default.removeItem(atPath: root) }
        for (name, url, sans) in [("-x", "tcp://h:1", [String]()), ("a_b", "tcp://h:1", []), ("a", "unix:///s", []),
                                  ("a", "tcp://h:1/path", []), ("a", "tcp://h:99999", []), ("a", "tcp://h:1", ["x y"]), ("a", "tcp://h:1", ["é"])] {
            do {
                _ = try storage.create(name: name, url: url, sans: sans, force: false)
                Issue.record("\(name) \(url) \(sans) was accepted")
            } catch {
                #expect(error.kind == .usage, "\(error)")
            }
        }
        #expect(!FileManager.default.fileExists(atPath: root), "nothing written before the input is checked")
    }

    @Test func regenerateKeepsSANsAndRenewsTheClientOnlyWhenAsked() throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        let made = try storage.create(name: "m", url: "tcp://10.0.0.5:2376", sans: ["m.example"], force: false)
        let server = contents(made.paths.serverCertificate), client = contents(storage.layout.clientCertificate)
        try storage.regenerateCertificates(name: "m", client: false)
        #expect(contents(made.paths.serverCertificate) != server && contents(storage.layout.clientCertificate) == client)
        let text = try OpenSSLTool.text(made.paths.serverCertificate)
        #expect(text.contains("DNS:m.example, IP Address:10.0.0.5, DNS:localhost\n"), "\(text)")
        try storage.regenerateCertificates(name: "m", client: true)
        #expect(contents(storage.layout.clientCertificate) != client)
        #expect(contents(made.paths.clientCertificate) == contents(storage.layout.clientCertificate), "the copy follows")
        #expect(contents(made.paths.clientKey) == contents(storage.layout.clientKey))
    }

    @Test func removeDeletesTheFolderAndSaysWhenMissing() throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        _ = try storage.create(name: "m", url: "tcp://127.0.0.1:1", sans: [], force: false)
        try storage.remove(name: "m", force: false)
        #expect(storage.names().isEmpty)
        #expect(throws: MachineError.self) { try storage.remove(name: "m", force: false) }
        try storage.remove(name: "m", force: true)
        #expect(FileManager.default.fileExists(atPath: storage.layout.caCertificate), "the store's CA stays")
    }
}
