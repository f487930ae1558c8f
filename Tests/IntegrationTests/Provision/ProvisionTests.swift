import Foundation
import Testing
import TestSupport

/// `machine create --driver generic`, `machine provision`, `regenerate-certs` and `rm` against the
/// fleet's real systemd host (Debian, docker.io under systemd). One host for the whole suite, so
/// its tests run one after the other, each from a fresh host (no drop-in, no certificates).
@Suite(.serialized) struct ProvisionTests {
    let host: SystemdHost

    init() throws {
        host = try SystemdHost()
        try host.reset()
    }

    private func cleanUp() {
        try? host.reset()
        host.ssh.removeRuntimeDirectory()
    }

    @Test func provisionsAPlainHostIntoATLSMachineThatDmuxAndTheDockerCLIReach() throws {
        defer { cleanUp() }
        let port = try TLSFailureTests.closedPort()
        let created = try host.dmux(host.createArguments("pv", enginePort: port, "--engine-label team=blue --engine-insecure-registry r.example:5000"))
        #expect(created.status == 0, "\(created)")
        for line in ["Detecting the provisioner...", "Copying certs to the remote machine...", "Setting Docker configuration on the remote daemon...",
                     "Checking connection to Docker...", "Docker is up and running! (tcp://\(host.address):\(port);"] {
            #expect(created.stdout.contains(line), "\(line)\n\(created)")
        }

        // docker-machine's drop-in, with Debian's dockerd, the storage driver the engine used, provider=generic last.
        let dropIn = try host.run("cat /etc/systemd/system/docker.service.d/10-machine.conf; stat -c '%a %n' /etc/docker/server-key.pem /etc/docker/server.pem")
        #expect(dropIn.stdout == """
            [Service]
            ExecStart=
            ExecStart=/usr/sbin/dockerd -H tcp://0.0.0.0:\(port) -H unix:///var/run/docker.sock --storage-driver vfs --tlsverify \
            --tlscacert /etc/docker/ca.pem --tlscert /etc/docker/server.pem --tlskey /etc/docker/server-key.pem \
            --label team=blue --label provider=generic --insecure-registry r.example:5000 \("")
            Environment=
            600 /etc/docker/server-key.pem
            644 /etc/docker/server.pem

            """, "\(dropIn)")

        // config.json in the generic driver's shape.
        let config = try String(contentsOfFile: host.machineFile("pv", "config.json"), encoding: .utf8)
        for field in [#""DriverName": "generic""#, #""IPAddress": "\#(host.address)""#, #""SSHUser": "\#(host.sshUser)""#,
                      #""SSHPort": \#(host.sshPort),"#, #""SSHKeyPath": "\#(host.machineFile("pv", "id_ed25519"))""#,
                      #""EnginePort": \#(port),"#, #""SSHKey": "\#(host.sshKey)""#, #""team=blue""#] {
            #expect(config.contains(field), "\(field)\n\(config)")
        }

        // dmux reaches it from the store, and so does the docker CLI through `dmux env`.
        // (dockerd does not keep the labels' order in `info`.)
        let info = try host.dmux("@pv info --format '{{.Driver}} {{json .Labels}}'")
        #expect(info.status == 0 && info.stdout.hasPrefix("vfs ["), "\(info)")
        #expect(info.stdout.contains("\"provider=generic\"") && info.stdout.contains("\"team=blue\""), "\(info)")
        var environment = host.environment
        environment["DMUX"] = Dmux.binary
        let docker = try ChildProcess.run(
            ["/bin/bash", "-c", #"eval "$("$DMUX" env --shell bash pv)" && docker version --format '{{.Server.Os}}' && echo "$DOCKER_HOST""#],
            environment: try Dmux.environment(environment), timeout: 60)
        #expect(docker.status == 0 && docker.stdout == "linux\ntcp://\(host.address):\(port)\n", "\(docker)")

        // Plaintext is refused, and so is a client certificate of another CA.
        let plain = try host.curl(port: port, ca: nil, cert: nil, key: nil)
        #expect(plain.stdout.contains("Client sent an HTTP request to an HTTPS server"), "\(plain)")
        let foreign = try TestAuthority().client()
        let stranger = try host.curl(port: port, ca: host.machineFile("pv", "ca.pem"), cert: foreign.certificateFile, key: foreign.privateKeyFile)
        #expect(stranger.status != 0 && stranger.stdout != "OK", "\(stranger)")
        let ours = try host.curl(port: port, ca: host.machineFile("pv", "ca.pem"), cert: host.machineFile("pv", "cert.pem"), key: host.machineFile("pv", "key.pem"))
        #expect(ours.status == 0 && ours.stdout == "OK", "\(ours)")
    }

    @Test func provisioningAgainIsIdempotentAndFansOutOverTargets() throws {
        defer { cleanUp() }
        let port = try TLSFailureTests.closedPort()
        let first = try host.dmux(host.createArguments("pv", enginePort: port))
        #expect(first.status == 0, "\(first)")
        let dropIn = try host.run("cat /etc/systemd/system/docker.service.d/10-machine.conf").stdout
        let config = try String(contentsOfFile: host.machineFile("pv", "config.json"), encoding: .utf8)

        let again = try host.dmux("machine provision pv; @pv machine provision")
        #expect(again.status == 0, "\(again)")
        #expect(again.stdout.components(separatedBy: "Docker is up and running!").count == 3, "\(again)")
        #expect(try host.run("cat /etc/systemd/system/docker.service.d/10-machine.conf").stdout == dropIn)
        #expect(try String(contentsOfFile: host.machineFile("pv", "config.json"), encoding: .utf8) == config)
        #expect(host.storeEntries() == ["pv"], "\(host.storeEntries())")
        let answer = try host.dmux("@pv version --format '{{.Server.Os}}'")
        #expect(answer.status == 0 && answer.stdout == "linux\n", "\(answer)")

        // A second create of the same name is refused before the host is touched.
        let twice = try host.dmux(host.createArguments("pv", enginePort: port))
        #expect(twice.status != 0 && twice.stderr.contains("already exists") && !twice.stdout.contains("Detecting"), "\(twice)")
    }

    @Test func regenerateCertsChangesTheServedCertificateAndTheOldClientStillWorks() throws {
        defer { cleanUp() }
        let port = try TLSFailureTests.closedPort()
        let created = try host.dmux(host.createArguments("pv", enginePort: port))
        #expect(created.status == 0, "\(created)")
        let before = try host.servedFingerprint(port: port)
        #expect(before == (try host.fileFingerprint(host.machineFile("pv", "server.pem"))) && !before.isEmpty)
        let client = try String(contentsOfFile: host.machineFile("pv", "cert.pem"), encoding: .utf8)

        let regenerated = try host.dmux("machine regenerate-certs pv")
        #expect(regenerated.status == 0 && regenerated.stdout.contains("Regenerating TLS certificates"), "\(regenerated)")
        let after = try host.servedFingerprint(port: port)
        #expect(after != before, "the engine still serves the old certificate")
        #expect(after == (try host.fileFingerprint(host.machineFile("pv", "server.pem"))))
        #expect(try String(contentsOfFile: host.machineFile("pv", "cert.pem"), encoding: .utf8) == client)
        let answer = try host.dmux("@pv version --format '{{.Server.Os}}'")
        #expect(answer.status == 0 && answer.stdout == "linux\n", "\(answer)")

        // rm forgets the machine here and says that the host is left as it is.
        let removed = try host.dmux("machine rm pv")
        #expect(removed.status == 0 && removed.stdout.contains("Removed the local record only"), "\(removed)")
        #expect(host.storeEntries().isEmpty)
        #expect(try host.run("test -s /etc/systemd/system/docker.service.d/10-machine.conf").status == 0)
    }

    @Test func aBrokenEngineOptionRestoresTheHostAndRecordsNothing() throws {
        defer { cleanUp() }
        let port = try TLSFailureTests.closedPort()
        let failed = try host.dmux(host.createArguments("pv", enginePort: port, "--engine-opt no-such-flag=1"))
        #expect(failed.status == 1, "\(failed)")
        #expect(failed.stderr.contains("pv: restart docker failed:") && failed.stderr.contains("unknown flag: --no-such-flag"), "\(failed)")
        #expect(failed.stderr.contains("the previous drop-in and certificates are restored and docker runs as before"), "\(failed)")
        #expect(host.storeEntries().isEmpty, "\(host.storeEntries())")

        // As it was: no drop-in, no certificates, docker answering on its old socket.
        let state = try host.run("""
            ls /etc/systemd/system/docker.service.d/10-machine.conf /etc/docker/ca.pem /etc/docker/server.pem 2>/dev/null | wc -l
            systemctl is-active docker.service; docker -H unix:///var/run/docker.sock version --format '{{.Server.Os}}'
            """)
        #expect(state.stdout == "0\nactive\nlinux\n", "\(state)")
        #expect(try host.curl(port: port, ca: nil, cert: nil, key: nil).status != 0)
    }

    /// dockerd starts, but trusts another CA (a later --tlscacert wins), so the client certificate
    /// is refused: the check after the restart fails, and the host is put back as it was.
    @Test func anEngineThatRefusesTheClientAfterTheRestartIsRolledBack() throws {
        defer { cleanUp() }
        let port = try TLSFailureTests.closedPort()
        let failed = try host.dmux(host.createArguments("pv", enginePort: port, "--engine-opt tlscacert=/etc/docker/server.pem"))
        #expect(failed.status == 1, "\(failed)")
        #expect(failed.stderr.contains("pv: check the TLS connection failed: tcp://\(host.address):\(port) did not answer within 30 s:"), "\(failed)")
        #expect(failed.stderr.contains("the previous drop-in and certificates are restored and docker runs as before"), "\(failed)")
        #expect(host.storeEntries().isEmpty, "\(host.storeEntries())")
        let state = try host.run("ls /etc/systemd/system/docker.service.d/10-machine.conf /etc/docker/ca.pem 2>/dev/null | wc -l; docker version --format '{{.Server.Os}}'")
        #expect(state.stdout == "0\nlinux\n", "\(state)")
    }

    @Test func aProvisionedHostKeepsItsTLSEngineWhenAReprovisionFails() throws {
        defer { cleanUp() }
        let port = try TLSFailureTests.closedPort()
        #expect(try host.dmux(host.createArguments("pv", enginePort: port)).status == 0)
        let before = try host.servedFingerprint(port: port)
        let failed = try host.dmux(host.createArguments("broken", enginePort: try TLSFailureTests.closedPort(), "--engine-opt no-such-flag=1"))
        #expect(failed.status == 1 && failed.stderr.contains("restored"), "\(failed)")
        #expect(try host.servedFingerprint(port: port) == before)
        let answer = try host.dmux("@pv version --format '{{.Server.Os}}'")
        #expect(answer.status == 0 && answer.stdout == "linux\n", "\(answer)")
        #expect(host.storeEntries() == ["pv"], "\(host.storeEntries())")
    }

    /// Several machines at once, each line prefixed by its machine; one refused host does not stop the other.
    @Test func provisioningSeveralMachinesReportsEachOnItsOwnLines() throws {
        defer { cleanUp() }
        let port = try TLSFailureTests.closedPort()
        #expect(try host.dmux(host.createArguments("pv", enginePort: port)).status == 0)
        // A generic machine recorded for the fleet's sshd-only login (as docker-machine would have left it).
        let plain = host.store + "/machines/plain"
        try FileManager.default.createDirectory(atPath: plain, withIntermediateDirectories: true)
        let config = """
            {"ConfigVersion": 3, "DriverName": "generic", "Name": "plain",
             "Driver": {"IPAddress": "127.0.0.1", "SSHUser": "root", "SSHPort": \(host.ssh.port), "SSHKeyPath": "", "EnginePort": \(try TLSFailureTests.closedPort())},
             "HostOptions": {"EngineOptions": {}, "AuthOptions": {"ServerCertSANs": []}}}
            """
        try config.write(toFile: plain + "/config.json", atomically: true, encoding: .utf8)

        let both = try host.dmux("machine provision pv plain")
        #expect(both.status == 1, "\(both)")
        #expect(both.stdout.contains("pv") && both.stdout.split(separator: "\n").contains { $0.hasPrefix("pv") && $0.contains("Docker is up and running!") }, "\(both)")
        #expect(both.stderr.contains("plain: inspect the host failed:") && both.stderr.contains("does not run systemd"), "\(both)")
        #expect(host.storeEntries() == ["plain", "pv"], "\(host.storeEntries())")
        #expect(try FileManager.default.contentsOfDirectory(atPath: plain) == ["config.json"])
        let answer = try host.dmux("@pv version --format '{{.Server.Os}}'")
        #expect(answer.status == 0 && answer.stdout == "linux\n", "\(answer)")
    }

    /// Without Docker the host is refused unless --install, which installs Debian's docker.io with
    /// apt-get (from the host's own mirror) and goes on.
    @Test func aHostWithoutDockerIsRefusedUnlessInstallIsGiven() throws {
        defer { cleanUp() }
        let removed = try host.run("DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq docker.io >/dev/null 2>&1; command -v dockerd || echo gone")
        #expect(removed.stdout == "gone\n", "\(removed)")
        let port = try TLSFailureTests.closedPort()
        let refused = try host.dmux(host.createArguments("pv", enginePort: port))
        #expect(refused.status == 1 && refused.stderr.contains("pv: inspect the host failed: Docker is not installed on Debian"), "\(refused)")
        #expect(refused.stderr.contains("add --install"), "\(refused)")

        let installed = try host.dmux(host.createArguments("pv", enginePort: port, "--install"), timeout: 400)
        #expect(installed.status == 0, "\(installed)")
        #expect(installed.stdout.contains("Installing Docker (apt-get install docker.io)...\n"), "\(installed)")
        let answer = try host.dmux("@pv version --format '{{.Server.Os}}'")
        #expect(answer.status == 0 && answer.stdout == "linux\n", "\(answer)")
    }

    @Test func aHostWithoutSystemdIsRefusedWithItsReason() throws {
        defer { cleanUp() }
        // The fleet's own sshd logs in to this machine, which runs no systemd.
        let refused = try host.dmux("""
            machine create --driver generic --generic-ip-address 127.0.0.1 --generic-ssh-port \(host.ssh.port) \
            --generic-engine-port \(try TLSFailureTests.closedPort()) plain
            """)
        #expect(refused.status == 1, "\(refused)")
        #expect(refused.stderr.contains("plain: inspect the host failed:") && refused.stderr.contains("does not run systemd (PID 1 is"), "\(refused)")
        #expect(!refused.stdout.contains("Copying certs"), "\(refused)")
        #expect(host.storeEntries().isEmpty, "\(host.storeEntries())")
    }
}
