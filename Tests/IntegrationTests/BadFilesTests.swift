import Foundation
import Testing
import TLS

/// Issue 6, bad files: a machine store where most machines are broken in one way each, beside a
/// good machine and a good -H host, in one run. Each broken machine costs its own line naming
/// the machine and the file, the good hosts answer as if nothing happened, and no key material
/// is ever printed. (Wrong CA, name and IP mismatch, missing client certificate and plaintext
/// on either side are in TLSFailureTests.)
@Suite struct BadFilesTests {
    @Test func eachBadFileCostsOneLineAndTheOtherHostsAnswer() async throws {
        let authority = try TestAuthority()
        defer { authority.remove() }
        let client = try authority.client()
        let expired = try authority.server(validFrom: "20200101000000Z", until: "20200102000000Z", name: "expired")
        let future = try authority.server(validFrom: "20990101000000Z", until: "20990102000000Z", name: "future")
        var relays: [String: TransportRelay] = [:]
        for (name, server) in [("expired", expired), ("future", future)] {
            let context = try TLSServerContext(certificateFile: server.certificateFile, privateKeyFile: server.privateKeyFile,
                                               clientCAFile: authority.caFile)
            relays[name] = try await TransportRelay.start(to: .unix(path: Fleet.path(try Fleet.unix1)), tls: context)
        }
        let tls1 = try Fleet.certs("tls1")
        let tls1Port = try #require(Int(try Fleet.tls1.split(separator: ":").last ?? ""))
        let locked = try authority.encrypted(
            .init(caFile: tls1 + "/ca.pem", certificateFile: tls1 + "/cert.pem", privateKeyFile: tls1 + "/key.pem"), name: "locked")

        let store = try MachineFixture(root: NSTemporaryDirectory() + "dmux-badfiles-\(UUID().uuidString)")
        defer { store.remove() }
        let fleetFiles = ["ca.pem": tls1 + "/ca.pem", "cert.pem": tls1 + "/cert.pem", "key.pem": tls1 + "/key.pem"]
        try store.machine("good", port: tls1Port, files: fleetFiles)
        try store.machine("openkey", port: tls1Port, files: fleetFiles)
        chmod(store.path("openkey", "key.pem"), 0o644)
        try store.machine("badjson", port: tls1Port, files: fleetFiles, config: "{ \"ConfigVersion\": 3, \"Driver\": nope }")
        let goodConfig = try String(contentsOfFile: store.path("good", "config.json"), encoding: .utf8)
        try store.machine("truncated", port: tls1Port, files: fleetFiles, config: String(goodConfig.prefix(goodConfig.count / 2)))
        try store.machine("noca", port: tls1Port, files: fleetFiles.filter { $0.key != "ca.pem" })
        // Root reads a mode-0000 file, so an unreadable key is a directory in its place.
        try store.machine("dirkey", port: tls1Port, files: fleetFiles.filter { $0.key != "key.pem" })
        try FileManager.default.createDirectory(atPath: store.path("dirkey", "key.pem"), withIntermediateDirectories: false)
        try store.machine("locked", port: tls1Port, files: ["ca.pem": locked.caFile, "cert.pem": locked.certificateFile,
                                                             "key.pem": locked.privateKeyFile])
        for (name, relay) in relays {
            try store.machine(name, port: relay.port, files: ["ca.pem": authority.caFile, "cert.pem": client.certificateFile,
                                                               "key.pem": client.privateKeyFile])
        }

        let result = try Dmux.run(["-H", "u1=\(try Fleet.unix1)", "-c", "@all images --format '{{.Repository}}'"],
                                  environment: ["MACHINE_STORAGE_PATH": store.root])
        for relay in relays.values { await relay.stop() }

        // The good hosts answer, the readable key among them: a warning is not an error.
        for host in ["u1", "good", "openkey"] {
            #expect(result.lines.contains { $0.hasPrefix(host + " ") && $0.hasSuffix(" | dmux-test/busybox") }, "\(host) answers: \(result)")
        }
        #expect(result.status == 1, "some hosts failed: \(result)")
        let stderr = result.stderr.split(separator: "\n").map(String.init)
        func only(_ host: String) -> String? {
            let lines = stderr.filter { $0.contains(" \(host): ") || $0.hasPrefix("\(host): ") }
            return lines.count == 1 ? lines[0] : nil
        }
        let machines = store.root + "/machines"
        #expect(only("badjson")?.hasPrefix("error: machine badjson: \(machines)/badjson/config.json: ") == true, "\(result)")
        #expect(only("truncated")?.hasPrefix("error: machine truncated: \(machines)/truncated/config.json: ") == true, "\(result)")
        #expect(only("noca") == "error: machine noca: TLS CA missing: open \(machines)/noca/ca.pem: no such file or directory",
                "\(result)")
        #expect(only("openkey") == "warning: machine openkey: UNPROTECTED PRIVATE KEY FILE: permissions 0644 for "
            + "'\(machines)/openkey/key.pem' are too open; it is recommended that your private key files are NOT accessible "
            + "by others (chmod 600 '\(machines)/openkey/key.pem')", "\(result)")
        #expect(only("locked") == "locked: TLS: private key is encrypted (key.pem: \(machines)/locked/key.pem); "
            + "dmux cannot use encrypted keys", "\(result)")
        // The engine's certificate is no local file: its dates say what is wrong with it.
        #expect(only("expired") == "expired: TLS: certificate verify failed: certificate has expired "
            + "(server certificate valid from 2020-01-01 00:00:00 UTC until 2020-01-02 00:00:00 UTC)", "\(result)")
        #expect(only("future") == "future: TLS: certificate verify failed: certificate is not yet valid "
            + "(server certificate valid from 2099-01-01 00:00:00 UTC until 2099-01-02 00:00:00 UTC)", "\(result)")
        // A directory for a key: said at start-up, naming the file; the engine then refuses the host.
        let dirkey = stderr.filter { $0.contains("dirkey") && !$0.contains(" hosts failed: ") }
        #expect(dirkey.first == "warning: machine dirkey: no client certificate will be sent (read \(machines)/dirkey/key.pem: "
            + "is a directory); the engine will likely reject the connection", "\(result)")
        #expect(dirkey.dropFirst().allSatisfy { $0.hasPrefix("dirkey: TLS: ") } && dirkey.count == 2, "\(result)")

        // Never key material, whichever key was read or refused.
        for key in [fleetFiles["key.pem"]!, client.privateKeyFile, locked.privateKeyFile, expired.privateKeyFile] {
            for line in try String(contentsOfFile: key, encoding: .utf8).split(separator: "\n") where !line.hasPrefix("-----") {
                #expect(!result.stdout.contains(line) && !result.stderr.contains(line), "a line of \(key) was printed")
            }
        }
    }
}

extension BadFilesTests {
    /// Files that crashed or hung every start, even `dmux -c hosts`: ports no socket address can
    /// hold, and a `ca.pem` that is a FIFO (opening it waited for a writer). One line each, and
    /// the good machine is up.
    @Test func portsOutOfRangeAndAFIFOCostOneLineEach() throws {
        let tls1 = try Fleet.certs("tls1")
        let tls1Port = try #require(Int(try Fleet.tls1.split(separator: ":").last ?? ""))
        let store = try MachineFixture(root: NSTemporaryDirectory() + "dmux-badfiles-\(UUID().uuidString)")
        defer { store.remove() }
        let fleetFiles = ["ca.pem": tls1 + "/ca.pem", "cert.pem": tls1 + "/cert.pem", "key.pem": tls1 + "/key.pem"]
        try store.machine("good", port: tls1Port, files: fleetFiles)
        try store.machine("bigport", port: 70000, files: fleetFiles)
        try store.machine("negport", port: -1, files: fleetFiles)
        try store.machine("fifoca", port: tls1Port, files: fleetFiles.filter { $0.key != "ca.pem" })
        #expect(mkfifo(store.path("fifoca", "ca.pem"), 0o644) == 0)

        let result = try Dmux.run(["-c", "hosts"], environment: ["MACHINE_STORAGE_PATH": store.root])
        #expect(result.status == 0, "\(result)")
        #expect(result.lines.contains { $0.hasPrefix("good ") && $0.contains(" up ") }, "\(result)")
        let machines = store.root + "/machines"
        let stderr = result.stderr.split(separator: "\n").map(String.init)
        #expect(stderr.sorted() == [
            "error: machine bigport: \(machines)/bigport/config.json: Driver.EnginePort 70000 is not a port (0-65535)",
            "error: machine fifoca: TLS CA unusable: read \(machines)/fifoca/ca.pem: not a regular file (a FIFO)",
            "error: machine negport: \(machines)/negport/config.json: Driver.EnginePort -1 is not a port (0-65535)",
        ], "\(result)")
    }
}

/// A docker-machine store of the test's own: `machines/NAME/config.json` (docker-machine's
/// layout, certificate paths inside the machine's folder) and the certificate copies beside it.
struct MachineFixture {
    let root: String

    init(root: String) throws {
        self.root = root
        try FileManager.default.createDirectory(atPath: root + "/machines", withIntermediateDirectories: true)
    }

    func path(_ machine: String, _ file: String) -> String { "\(root)/machines/\(machine)/\(file)" }

    /// A machine at 127.0.0.1:`port` with copies of `files` (name in the folder → source), and
    /// `config` for config.json if given, else a well-formed one.
    func machine(_ name: String, port: Int, files: [String: String], config: String? = nil) throws {
        let folder = "\(root)/machines/\(name)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for (file, source) in files {
            try FileManager.default.copyItem(atPath: source, toPath: folder + "/" + file)
            chmod(folder + "/" + file, file == "key.pem" ? 0o600 : 0o644)
        }
        let wellFormed = """
            {
                "ConfigVersion": 3,
                "Driver": { "IPAddress": "127.0.0.1", "MachineName": "\(name)", "EnginePort": \(port) },
                "DriverName": "generic",
                "HostOptions": { "AuthOptions": {
                    "CertDir": "\(folder)", "CaCertPath": "\(folder)/ca.pem", "ClientCertPath": "\(folder)/cert.pem",
                    "ClientKeyPath": "\(folder)/key.pem" } },
                "Name": "\(name)"
            }

            """
        try (config ?? wellFormed).write(toFile: folder + "/config.json", atomically: true, encoding: .utf8)
    }

    func remove() { try? FileManager.default.removeItem(atPath: root) }
}
