import Foundation
import Glibc
import TestSupport

/// The fleet's plain systemd Docker host (scripts/fleet/systemd-host) as a provisioning test sees
/// it: its SSH login, a way to run commands there, and a private machine store per test.
/// Missing fleet variables fail the test (CI starts the host); they never skip it.
struct SystemdHost {
    let address: String
    let sshPort: String
    let sshUser: String
    let sshKey: String
    let ssh: SSHFleet
    let store: String

    init() throws {
        address = try Fleet.variable("DMUX_FLEET_SYSTEMD_HOST")
        sshPort = try Fleet.variable("DMUX_FLEET_SYSTEMD_SSH_PORT")
        sshUser = try Fleet.variable("DMUX_FLEET_SYSTEMD_SSH_USER")
        sshKey = try Fleet.variable("DMUX_FLEET_SYSTEMD_SSH_KEY")
        ssh = try SSHFleet()
        store = ssh.runtimeDirectory + "/store"
    }

    /// The `machine create` words that provision this host as `name`, its engine on `enginePort`.
    func createArguments(_ name: String, enginePort: Int, _ extra: String = "") -> String {
        "machine create --driver generic --generic-ip-address \(address) --generic-ssh-user \(sshUser) "
            + "--generic-ssh-port \(sshPort) --generic-ssh-key \(sshKey) --generic-engine-port \(enginePort) \(extra) \(name)"
    }

    /// dmux with this test's store and the fleet's ssh config.
    func dmux(_ script: String, timeout: Double = 180) throws -> ProcessResult {
        try Dmux.run(["-c", script], environment: environment, timeout: timeout)
    }

    var environment: [String: String] { ssh.environment(["MACHINE_STORAGE_PATH": store]) }

    /// A command on the host as root, through the system ssh with the fleet's config.
    func run(_ command: String) throws -> ProcessResult {
        try ChildProcess.run(["/usr/bin/ssh", "-F", ssh.config, "-p", sshPort, "-i", sshKey, "\(sshUser)@\(address)", command],
                             environment: ProcessInfo.processInfo.environment, timeout: 60)
    }

    /// Takes the host back to a fresh Debian's state: no drop-in, no certificates in /etc/docker,
    /// docker.service started through docker.socket (what `scripts/fleet/systemd-host reset` does).
    func reset() throws {
        let result = try run("""
            rm -f /etc/systemd/system/docker.service.d/10-machine.conf /etc/docker/ca.pem /etc/docker/server.pem /etc/docker/server-key.pem
            systemctl daemon-reload && systemctl stop docker.service && systemctl reset-failed docker.service
            systemctl restart docker.socket && docker version >/dev/null
            """)
        guard result.status == 0 else { throw SetupFailure(description: "resetting the systemd host: \(result)") }
    }

    /// The machine folders of the store, hidden ones too (a staged folder left behind would show).
    func storeEntries() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: store + "/machines")) ?? []).sorted()
    }

    func machineFile(_ name: String, _ file: String) -> String { store + "/machines/\(name)/\(file)" }

    /// `curl` against the engine's TLS port with the given certificates (nil: plain HTTP).
    func curl(port: Int, ca: String?, cert: String?, key: String?) throws -> ProcessResult {
        var argv = ["/usr/bin/curl", "-sS", "-m", "10"]
        if let ca, let cert, let key {
            argv += ["--cacert", ca, "--cert", cert, "--key", key, "https://\(address):\(port)/_ping"]
        } else {
            argv += ["http://\(address):\(port)/_ping"]
        }
        return try ChildProcess.run(argv, environment: ProcessInfo.processInfo.environment, timeout: 30)
    }

    /// The SHA-256 fingerprint of the certificate the engine serves.
    func servedFingerprint(port: Int) throws -> String {
        let result = try ChildProcess.run(
            ["/bin/sh", "-c", "openssl s_client -connect \(address):\(port) </dev/null 2>/dev/null | openssl x509 -noout -fingerprint -sha256"],
            environment: ProcessInfo.processInfo.environment, timeout: 30)
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func fileFingerprint(_ path: String) throws -> String {
        try ChildProcess.run(["/usr/bin/openssl", "x509", "-in", path, "-noout", "-fingerprint", "-sha256"],
                             environment: ProcessInfo.processInfo.environment, timeout: 30).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

struct SetupFailure: Error, CustomStringConvertible {
    let description: String
}
