import Foundation
import Testing
import TestSupport

/// `dmux machine …` end to end: a real dockerd runs with the server certificate that
/// `machine create` made; the docker CLI and dmux reach it; a client certificate from another CA
/// is refused; `machine ls` tells running, stopped and stalled engines apart within its timeout.
@Suite(.serialized) struct MachineCommandTests {
    let store = NSTemporaryDirectory() + "dmux-mstore-\(UUID().uuidString.prefix(8))"

    func dmux(_ arguments: [String], environment: [String: String] = [:]) throws -> ProcessResult {
        try Dmux.run(arguments, environment: ["MACHINE_STORAGE_PATH": store, "USER": "tester"].merging(environment) { $1 })
    }

    /// The docker CLI with a clean environment plus `environment`.
    func docker(_ arguments: [String], environment: [String: String]) throws -> ProcessResult {
        try ChildProcess.run(["/usr/bin/docker"] + arguments, stdin: "",
                       environment: ["PATH": "/usr/bin:/bin", "HOME": try Dmux.temporaryHome()].merging(environment) { $1 },
                       inherit: [:], timeout: 60)
    }

    @Test func engineWithAMachineCertificateAcceptsDockerAndDmuxButNotAForeignClient() throws {
        defer { try? FileManager.default.removeItem(atPath: store) }
        let port = try MachineTestEngine.freePort()
        let url = "tcp://127.0.0.1:\(port)"
        let created = try dmux(["machine", "create", "mt1", "--url", url])
        #expect(created.status == 0, "\(created)")
        #expect(created.stdout.contains("ExecStart=/usr/bin/dockerd -H tcp://0.0.0.0:\(port) -H unix:///var/run/docker.sock"), "\(created)")
        #expect(created.stdout.contains("--label provider=none \nEnvironment=\n"), "\(created)")
        let machine = store + "/machines/mt1"

        let engine = try MachineTestEngine(machineDirectory: machine, port: port)
        defer { engine.stop() }

        // `dmux env` is not in this branch: the variables docker-machine env prints, set directly.
        for host in [url, "tcp://localhost:\(port)"] {
            let version = try docker(["version", "--format", "{{.Server.Version}}"],
                                     environment: ["DOCKER_HOST": host, "DOCKER_TLS_VERIFY": "1", "DOCKER_CERT_PATH": machine])
            #expect(version.status == 0 && !version.stdout.isEmpty, "\(host): \(version)")
        }
        // docker-machine's habit: docker $(… config NAME) …
        let viaConfig = try ChildProcess.run(
            ["/bin/bash", "-c", "docker $(\"$DMUX\" machine config mt1) info --format '{{.ServerVersion}}'"], stdin: "",
            environment: ["PATH": "/usr/bin:/bin", "HOME": try Dmux.temporaryHome(), "DMUX": Dmux.binary, "DMUX_RC": "/dev/null",
                          "MACHINE_STORAGE_PATH": store], inherit: [:], timeout: 60)
        #expect(viaConfig.status == 0 && !viaConfig.stdout.isEmpty, "\(viaConfig)")

        // dmux finds the machine in the store and reaches it over verified TLS.
        let hosts = try dmux(["hosts", "--format", "json"])
        #expect(hosts.stdout.contains(#"{"host":"mt1","source":"machine","url":"\#(url)","transport":"tcp+tls","tls":"verify","state":"up""#), "\(hosts)")
        let listed = try dmux(["machine", "ls", "--format", "json"])  // ping, then GET /version over TLS
        #expect(listed.stdout.contains(#"{"name":"mt1","active":"-","url":"\#(url)","state":"Running","docker":"v"#), "\(listed)")

        // A client certificate from another store's CA is refused, by the docker CLI and by dmux.
        let otherStore = store + "-other"
        defer { try? FileManager.default.removeItem(atPath: otherStore) }
        let other = try Dmux.run(["machine", "create", "x", "--url", url], environment: ["MACHINE_STORAGE_PATH": otherStore])
        #expect(other.status == 0, "\(other)")
        let mixed = otherStore + "/mixed"
        try FileManager.default.createDirectory(atPath: mixed, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: machine + "/ca.pem", toPath: mixed + "/ca.pem")
        try FileManager.default.copyItem(atPath: otherStore + "/certs/cert.pem", toPath: mixed + "/cert.pem")
        try FileManager.default.copyItem(atPath: otherStore + "/certs/key.pem", toPath: mixed + "/key.pem")
        let refused = try docker(["version", "--format", "{{.Server.Version}}"],
                                 environment: ["DOCKER_HOST": url, "DOCKER_TLS_VERIFY": "1", "DOCKER_CERT_PATH": mixed])
        #expect(refused.status != 0 && refused.stderr.contains("bad certificate"), "\(refused)")
        let dmuxRefused = try Dmux.run(["-H", "foreign=\(url)", "--tlsverify", "--tlscacert", mixed + "/ca.pem",
                                        "--tlscert", mixed + "/cert.pem", "--tlskey", mixed + "/key.pem", "hosts", "--format", "json"])
        #expect(dmuxRefused.stdout.contains(#""state":"down""#) && dmuxRefused.stdout.contains("client certificate"), "\(dmuxRefused)")
    }

    @Test func lsShowsEachEngineStateWithinTheTimeout() throws {
        defer { try? FileManager.default.removeItem(atPath: store) }
        let port = try MachineTestEngine.freePort()
        let stalled = try Listener()
        defer { stalled.close() }
        let stoppedPort = try MachineTestEngine.freePort()
        for (name, url) in [("up1", "tcp://127.0.0.1:\(port)"), ("up2", "tcp://localhost:\(port)"),
                            ("down1", "tcp://127.0.0.1:\(stoppedPort)"), ("stall1", "tcp://127.0.0.1:\(stalled.port)")] {
            let made = try dmux(["machine", "create", name, "--url", url])
            #expect(made.status == 0, "\(made)")
        }
        let engine = try MachineTestEngine(machineDirectory: store + "/machines/up1", port: port)
        defer { engine.stop() }

        let started = Date()
        let listed = try dmux(["machine", "ls", "-t", "2"], environment: ["DOCKER_HOST": "tcp://127.0.0.1:\(port)"])
        let elapsed = Date().timeIntervalSince(started)
        #expect(listed.status == 0, "\(listed)")
        #expect(elapsed < 8, "all machines are asked at once, each within 2 s: took \(elapsed) s")
        let rows = listed.lines.map { $0.split(separator: " ", omittingEmptySubsequences: true).map(String.init) }
        #expect(rows.first == ["NAME", "ACTIVE", "URL", "STATE", "DOCKER", "ERRORS"], "\(listed)")
        let byName = Dictionary(rows.dropFirst().map { ($0[0], $0) }, uniquingKeysWith: { a, _ in a })
        #expect(byName["up1"]?.prefix(4) == ["up1", "*", "tcp://127.0.0.1:\(port)", "Running"], "\(listed)")
        #expect(byName["up1"]?[4].hasPrefix("v20.") == true, "\(listed)")
        #expect(byName["up2"]?.prefix(4) == ["up2", "-", "tcp://localhost:\(port)", "Running"], "\(listed)")
        #expect(byName["down1"]?.prefix(5) == ["down1", "-", "tcp://127.0.0.1:\(stoppedPort)", "Stopped", "Unknown"], "\(listed)")
        #expect(listed.stdout.contains("connection refused"), "\(listed)")
        #expect(byName["stall1"]?.prefix(5) == ["stall1", "-", "tcp://127.0.0.1:\(stalled.port)", "Timeout", "Unknown"], "\(listed)")
    }

    @Test func configInspectRmAndHelpFromALoginShell() throws {
        defer { try? FileManager.default.removeItem(atPath: store) }
        #expect(try dmux(["machine", "create", "c1", "--url", "tcp://127.0.0.1:12376"]).status == 0)
        let config = try dmux(["machine", "config", "c1"])
        let dir = store + "/machines/c1"
        #expect(config.stdout == "--tlsverify\n--tlscacert=\"\(dir)/ca.pem\"\n--tlscert=\"\(dir)/cert.pem\"\n--tlskey=\"\(dir)/key.pem\"\n-H=tcp://127.0.0.1:12376\n", "\(config)")
        let inspect = try dmux(["machine", "inspect", "c1"])
        #expect(inspect.stdout == (try String(contentsOfFile: dir + "/config.json", encoding: .utf8)) + "\n", "\(inspect)")
        let again = try dmux(["machine", "create", "c1", "--url", "tcp://127.0.0.1:1"])
        #expect(again.status == 1 && again.stderr.contains("already exists") && again.stderr.contains("--force"), "\(again)")
        let bad = try dmux(["machine", "create", "c_1", "--url", "tcp://127.0.0.1:1"])
        #expect(bad.status == 2 && bad.stderr.contains("invalid machine name \"c_1\""), "\(bad)")
        let wrongFlag = try dmux(["machine", "rm", "c1", "--url", "x"])
        #expect(wrongFlag.status == 2, "\(wrongFlag)")
        let removed = try dmux(["machine", "rm", "c1"])
        #expect(removed.status == 0 && !FileManager.default.fileExists(atPath: dir), "\(removed)")
        #expect(try dmux(["machine", "rm", "c1"]).status == 1)
        #expect(try dmux(["machine", "rm", "-f", "c1"]).status == 0)
        let help = try dmux(["help", "machine"])
        for subcommand in ["create", "regenerate-certs", "rm", "ls", "config", "inspect", "ssh", "scp"] {
            #expect(help.stdout.contains("\n  \(subcommand) "), "\(help)")
        }
        let create = try dmux(["machine", "create", "--help"])
        #expect(create.status == 0 && create.stdout.hasPrefix("Usage:  dmux machine create [OPTIONS] NAME\n"), "\(create)")
        #expect(create.stdout.contains("--url tcp://ADDR:PORT") && !create.stdout.contains("--client"), "\(create)")
    }
}
