import Foundation
import Glibc
import Testing
import TestSupport

/// Engines over `ssh://` against the fleet's real OpenSSH server and real engines: every class of
/// command, one authentication for many commands, and each failure as one line naming the host.
/// Serialized: the tests count the logins in sshd's log, which a test running beside would add to.
@Suite(.serialized) struct SSHEngineTests {
    let ssh: SSHFleet

    init() throws { ssh = try SSHFleet() }

    func dmux(_ script: String, hosts: [String], stdin: String = "", environment: [String: String] = [:]) throws -> ProcessResult {
        try Dmux.run(hosts.flatMap { ["-H", $0] } + ["-c", script], stdin: stdin, environment: ssh.environment(environment))
    }

    static func uniqueName() -> String { "t-ssh-\(UUID().uuidString.prefix(8).lowercased())" }

    @Test func listsStreamsRunAndExecWorkOverSSH() throws {
        defer { ssh.removeRuntimeDirectory() }
        let name = Self.uniqueName()
        defer { _ = try? dmux("rm -f \(name)", hosts: ["s=\(ssh.url)"]) }
        let result = try dmux("""
            run -d --name \(name) --network none \(Fleet.image) sh -c 'echo one; sleep 1; echo two'
            ps -a --filter name=\(name) --format '{{.Names}} {{.Image}}'
            logs -f \(name)
            run --rm --network none \(Fleet.image) sh -c 'echo out; exit 3'
            """, hosts: ["s=\(ssh.url)"])
        // One targeted host prints what docker prints, and ends with the container's status.
        #expect(result.status == 3, "\(result)")
        let lines = result.lines
        #expect(lines.count == 5, "\(result)")
        #expect(lines.first?.range(of: #"^[0-9a-f]{64}$"#, options: .regularExpression) != nil, "\(result)")
        #expect(lines.dropFirst().first == "\(name) \(Fleet.image)", "one host and a template: docker's own lines\n\(result)")
        #expect(Array(lines.dropFirst(2)) == ["one", "two", "out"], "\(result)")

        let piped = try dmux("exec -i \(name) cat", hosts: ["s=\(ssh.url)"], stdin: "")
        // The container has exited by now: exec is refused by the engine, through ssh, in its words.
        #expect(piped.stderr.contains("is not running"), "\(piped)")
    }

    @Test func manyCommandsOnSeveralEnginesOfOneHostMakeOneAuthentication() throws {
        defer { ssh.removeRuntimeDirectory() }
        let before = try ssh.authentications()
        // Two engines behind the same login (unix1 and tls1's private socket): one master for both.
        let tls1Socket = try Fleet.directory + "/tls1/docker.sock"
        let other = "ssh://root@127.0.0.1:\(ssh.port)\(tls1Socket)"
        let script = Array(repeating: "ps; images -q; version --format '{{.Server.APIVersion}}'", count: 10).joined(separator: "\n")
        let result = try dmux(script, hosts: ["a=\(ssh.url)", "b=\(other)"])
        #expect(result.status == 0, "\(result)")
        #expect(result.lines.filter { $0 == "1.41" }.count == 10, "grouped: one block per line\n\(result)")
        let logins = try ssh.authentications() - before
        #expect(logins == 1, "\(result)")
    }

    @Test func aKilledMasterIsOpenedAgainByTheNextCommand() throws {
        defer { ssh.removeRuntimeDirectory() }
        let before = try ssh.authentications()
        let shell = try RunningDmux(["-H", "s=\(ssh.url)"], environment: ssh.environment())
        defer { shell.terminate() }
        shell.send("version --format 'first {{.Server.APIVersion}}'")
        #expect(shell.waitForLine(within: 20) { $0.text == "first 1.41" } != nil, "\(shell.transcript)")
        let master = try #require(ssh.masterProcess(), "no master found; \(shell.transcript)")
        kill(master, SIGKILL)
        #expect(SSHFleet.eventually(within: 5) { ssh.masterProcess() == nil })
        shell.send("version --format 'second {{.Server.APIVersion}}'")
        #expect(shell.waitForLine(within: 20) { $0.text == "second 1.41" } != nil, "\(shell.transcript)")
        #expect(ssh.masterProcess() != nil && ssh.masterProcess() != master)
        let logins = try ssh.authentications() - before
        #expect(logins == 2, "one login, and one more after the kill")
    }

    @Test func aStoppedSSHServerIsOneLineAndTheOthersAnswer() throws {
        defer { ssh.removeRuntimeDirectory() }
        let port = try TLSFailureTests.closedPort()  // what a stopped sshd looks like
        let result = try dmux("@down,u ps --format '{{.ID}}'", hosts: ["down=ssh://root@127.0.0.1:\(port)", "u=\(try Fleet.unix1)"])
        #expect(result.status == 1, "\(result)")
        let lines = result.stderr.split(separator: "\n").filter { $0.contains("down") }
        #expect(lines.contains { $0.hasPrefix("down: cannot connect to ssh://root@127.0.0.1:\(port): ssh: connect to host 127.0.0.1 port \(port): Connection refused") }, "\(result)")
        #expect(result.stderr.contains("1 of 2 hosts failed: down ("), "\(result)")
    }

    @Test func aChangedHostKeyIsRefusedWithSSHsReasonAndNothingIsSent() throws {
        defer { ssh.removeRuntimeDirectory() }
        // The fleet's own config, with a known_hosts that holds another key for the server.
        let knownHosts = ssh.runtimeDirectory + "/known_hosts"
        let key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl"
        try "[127.0.0.1]:\(ssh.port) \(key)\n".write(toFile: knownHosts, atomically: true, encoding: .utf8)
        let fleetKnownHosts = try Fleet.directory + "/sshd/known_hosts"
        let config = ssh.runtimeDirectory + "/ssh_config"
        try String(contentsOfFile: ssh.config, encoding: .utf8).replacingOccurrences(of: fleetKnownHosts, with: knownHosts)
            .write(toFile: config, atomically: true, encoding: .utf8)
        let before = try ssh.authentications()
        let result = try dmux("@s ps", hosts: ["s=\(ssh.url)"], environment: ["DMUX_SSH_CONFIG": config])
        #expect(result.status == 3, "\(result)")
        #expect(result.stderr.contains("s: cannot connect to \(ssh.url): ssh refused the host: its host key has changed (REMOTE HOST IDENTIFICATION HAS CHANGED)"), "\(result)")
        #expect(result.stderr.contains("Offending ED25519 key in \(knownHosts):1"), "\(result)")
        #expect(try ssh.authentications() == before, "no login happened")
    }

    @Test func anUnknownUserIsAnAuthenticationError() throws {
        defer { ssh.removeRuntimeDirectory() }
        let url = "ssh://nobody@127.0.0.1:\(ssh.port)"
        let result = try dmux("@s ps", hosts: ["s=\(url)"])
        #expect(result.status == 3, "\(result)")
        #expect(result.stderr.contains("s: cannot connect to \(url): ssh authentication failed: nobody@127.0.0.1: Permission denied (publickey). (ssh offered: \(try Fleet.directory)/sshd/id_ed25519)"), "\(result)")
    }

    @Test func aRemoteWithoutDockerSaysSo() throws {
        defer { ssh.removeRuntimeDirectory() }
        let result = try dmux("@s ps", hosts: ["s=\(ssh.noDockerURL)"])
        #expect(result.status == 3, "\(result)")
        #expect(result.stderr.contains("s: cannot connect to \(ssh.noDockerURL): the remote host has no docker CLI (bash: line 1: docker: command not found)"), "\(result)")
    }

    @Test func aRemoteEngineThatIsDownSaysSo() throws {
        defer { ssh.removeRuntimeDirectory() }
        let url = "ssh://root@127.0.0.1:\(ssh.port)/nonexistent/docker.sock"
        let result = try dmux("@s ps", hosts: ["s=\(url)"])
        #expect(result.status == 3, "\(result)")
        #expect(result.stderr.contains("s: cannot connect to \(url): the remote engine is not reachable from the ssh host: failed to open the raw stream connection: dial unix /nonexistent/docker.sock"), "\(result)")
    }

    @Test func noSSHProcessOutlivesDmuxBeyondThePersistTime() throws {
        defer { ssh.removeRuntimeDirectory() }
        let result = try dmux("ps; images", hosts: ["s=\(ssh.url)"])
        #expect(result.status == 0, "\(result)")
        // The master persists a few seconds (DMUX_SSH_PERSIST) after its last client, then exits
        // and takes its socket with it.
        #expect(SSHFleet.eventually(within: Double(SSHFleet.persist) + 5) { ssh.sshProcesses().isEmpty }, "left: \(ssh.sshProcesses())")
        let sockets = (try? FileManager.default.contentsOfDirectory(atPath: ssh.controlDirectory)) ?? []
        #expect(sockets.isEmpty, "\(sockets)")
    }

    @Test func aTerminatedDmuxInTheMiddleOfAStreamLeavesNoSSHBehind() throws {
        defer { ssh.removeRuntimeDirectory() }
        let shell = try RunningDmux(["-H", "s=\(ssh.url)"], environment: ssh.environment())
        shell.send("events")
        shell.send("ps")
        #expect(shell.waitUntil(within: 20) { _ in ssh.masterProcess() != nil && ssh.sshProcesses().count >= 2 })
        shell.terminate()
        #expect(SSHFleet.eventually(within: Double(SSHFleet.persist) + 5) { ssh.sshProcesses().isEmpty }, "left: \(ssh.sshProcesses())")
    }

    @Test func envAndPassthroughHandTheSSHURLOn() throws {
        defer { ssh.removeRuntimeDirectory() }
        // DOCKER_CERT_PATH alone turns no TLS on (docker/cli cli/flags/options.go), but a child must not get it.
        let result = try dmux("env s; @s !sh -c 'echo \"$DOCKER_HOST|$DOCKER_CERT_PATH|$DOCKER_MACHINE_NAME\"'", hosts: ["s=\(ssh.url)"],
                              environment: ["SHELL": "/bin/bash", "DOCKER_CERT_PATH": "/nowhere"])
        #expect(result.lines == [
            "unset DOCKER_TLS_VERIFY", "unset DOCKER_TLS", "unset DOCKER_CERT_PATH",
            "export DOCKER_HOST=\"\(ssh.url)\"", "export DOCKER_MACHINE_NAME=\"s\"",
            "# Run this command to configure your shell: ", "# eval $(dmux env s)",
            "\(ssh.url)||s",
        ], "\(result)")
    }

    @Test func tabCompletesLiveContainerNamesOverSSH() throws {
        defer { ssh.removeRuntimeDirectory() }
        let name = Self.uniqueName()
        let started = try dmux("run -d --name \(name) --network none \(Fleet.image) sleep 120", hosts: ["s=\(ssh.url)"])
        #expect(started.status == 0, "\(started)")
        defer { _ = try? dmux("rm -f \(name)", hosts: ["s=\(ssh.url)"]) }
        // The master the line above left behind (it persists) is what a Tab right after reuses.
        let completed = try Dmux.run(["-H", "s=\(ssh.url)", "__complete", "logs", "t-ssh-"], environment: ssh.environment())
        #expect(completed.lines.contains(name), "\(completed)")
    }

    @Test func hostsShowsTheSSHTransport() throws {
        defer { ssh.removeRuntimeDirectory() }
        let result = try dmux("hosts --format json; hosts", hosts: ["s=\(ssh.url)"])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains(" ssh (login held) "), "\(result)")
        #expect(result.stdout.contains(#""url":"\#(ssh.url)","transport":"ssh","tls":"-","state":"up","ssh_login":"held""#), "\(result)")
    }
}
