import Foundation
import Testing
import TestSupport

/// docker-machine's login verbs against the fleet's sshd, on a machine whose config.json carries
/// SSH fields (a copy of the fleet's tls1 machine, so that its engine is real and running).
@Suite struct SSHMachineTests {
    let ssh: SSHFleet
    let store: String

    init() throws {
        ssh = try SSHFleet()
        store = ssh.runtimeDirectory + "/store"
        let folder = store + "/machines/sshm"
        try FileManager.default.createDirectory(atPath: store + "/machines", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: try Fleet.certs("tls1"), toPath: folder)
        var config = try String(contentsOfFile: folder + "/config.json", encoding: .utf8)
        for (pattern, replacement) in [
            (#""IPAddress": "[^"]*""#, #""IPAddress": "127.0.0.1""#),
            (#""SSHUser": "[^"]*""#, #""SSHUser": "root""#),
            (#""SSHPort": [0-9]+"#, #""SSHPort": \#(ssh.port)"#),
            (#""SSHKeyPath": "[^"]*""#, #""SSHKeyPath": "\#(try Fleet.directory)/sshd/id_ed25519""#),
        ] {
            config = config.replacingOccurrences(of: pattern, with: replacement, options: .regularExpression)
        }
        try config.write(toFile: folder + "/config.json", atomically: true, encoding: .utf8)
    }

    func machine(_ script: String, environment: [String: String] = [:]) throws -> ProcessResult {
        try Dmux.run(["-c", script], environment: ssh.environment(["MACHINE_STORAGE_PATH": store].merging(environment) { _, new in new }))
    }

    @Test func ipURLStatusAndActive() throws {
        defer { ssh.removeRuntimeDirectory() }
        let result = try machine("machine ip sshm; machine url sshm; machine status sshm")
        #expect(result.status == 0, "\(result)")
        #expect(result.lines == ["127.0.0.1", try Fleet.tls1, "Running"], "\(result)")

        let none = try machine("machine active")
        #expect(none.status == 1 && none.stderr.contains("No active host found"), "\(none)")
        let active = try machine("machine active", environment: ["DOCKER_HOST": try Fleet.tls1])
        #expect(active.status == 0 && active.lines == ["sshm"], "\(active)")
    }

    /// The words go to the remote shell joined by spaces, as ssh (and docker-machine) send them.
    @Test func sshRunsACommandWithItsFlagsAndExitCode() throws {
        defer { ssh.removeRuntimeDirectory() }
        let result = try machine("machine ssh sshm ls -d /tmp; machine ssh sshm 'echo oops >&2; exit 7'")
        #expect(result.status == 1, "\(result)")
        #expect(result.lines == ["/tmp"], "\(result)")
        #expect(result.stderr.contains("oops\n") && result.stderr.contains("sshm: exit code 7"), "\(result)")
    }

    @Test func sshWithoutACommandIsAnInteractiveLoginOnTheTerminal() throws {
        defer { ssh.removeRuntimeDirectory() }
        let pane = try ReplTmux(["-c", "machine ssh sshm"], environment: ssh.environment(["MACHINE_STORAGE_PATH": store]))
        try pane.type("echo logged in as $(id -un) $((40+2))")
        try pane.send("Enter")
        pane.waitFor("the remote shell's answer", timeout: 30) { $0.contains("logged in as root 42") }
        try pane.type("exit 3")
        try pane.send("Enter")
        pane.waitFor("dmux to end with the login's status") { $0.contains("sshm: exit code 3") && $0.contains("[exited 1]") }
    }

    @Test func sshWithoutACommandNeedsATerminal() throws {
        defer { ssh.removeRuntimeDirectory() }
        let result = try machine("machine ssh sshm")
        #expect(result.status == 2 && result.stderr.contains("needs a terminal"), "\(result)")
    }

    @Test func scpCopiesToAndFromAMachine() throws {
        defer { ssh.removeRuntimeDirectory() }
        let local = ssh.runtimeDirectory + "/here.txt"
        let remote = ssh.runtimeDirectory + "/there.txt"
        let back = ssh.runtimeDirectory + "/back.txt"
        try "copied over ssh\n".write(toFile: local, atomically: true, encoding: .utf8)
        let result = try machine("machine scp \(local) sshm:\(remote); machine scp sshm:\(remote) \(back)")
        #expect(result.status == 0, "\(result)")
        #expect(try String(contentsOfFile: back, encoding: .utf8) == "copied over ssh\n")
    }

    @Test func hostKeyCheckingStaysOn() throws {
        defer { ssh.removeRuntimeDirectory() }
        // docker-machine passes StrictHostKeyChecking=no; dmux does not: an unknown host is refused.
        let empty = ssh.runtimeDirectory + "/empty_config"
        try "Host *\n  UserKnownHostsFile \(ssh.runtimeDirectory)/no_known_hosts\n".write(toFile: empty, atomically: true, encoding: .utf8)
        let result = try machine("machine ssh sshm true", environment: ["DMUX_SSH_CONFIG": empty])
        #expect(result.status != 0, "\(result)")
        #expect(result.stderr.contains("Host key verification failed"), "\(result)")
    }
}
