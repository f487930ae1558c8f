import Testing
@testable import Machines

/// docker-machine's ssh and scp command lines (docker/machine libmachine/ssh/client.go, commands/scp.go),
/// built from a machine's SSH fields, with host-key checking kept on.
@Suite struct MachineSSHLoginTests {
    static let config = """
        {"ConfigVersion": 3, "Driver": {"IPAddress": "10.0.0.5", "SSHUser": "docker", "SSHPort": 2222,
         "SSHKeyPath": "/store/machines/web1/id_rsa"}, "DriverName": "generic", "Name": "web1"}
        """

    func login(_ text: String = config) throws -> MachineSSHLogin {
        try MachineSSHLogin(machine: "web1", config: Array(text.utf8), file: "/store/machines/web1/config.json")
    }

    @Test func theSSHFieldsAreRead() throws {
        let web1 = try login()
        #expect(web1 == MachineSSHLogin(machine: "web1", user: "docker", host: "10.0.0.5", port: 2222,
                                        keyPath: "/store/machines/web1/id_rsa", ipAddress: "10.0.0.5"))
    }

    @Test func docker_machinesDefaultsFillTheGaps() throws {
        let bare = try login(#"{"Driver": {"IPAddress": "127.0.0.1:12376", "SSHUser": "", "SSHPort": 0, "SSHKeyPath": ""}}"#)
        #expect(bare.user == "root" && bare.port == 22 && bare.keyPath == nil)
        #expect(bare.host == "127.0.0.1", "the none driver keeps host:port in IPAddress")
        #expect(bare.ipAddress == "127.0.0.1:12376", "machine ip prints it verbatim, as docker-machine does")
    }

    @Test func aMachineWithoutAnAddressSaysSo() {
        #expect(throws: MachineError.self) { try login(#"{"Driver": {}}"#) }
    }

    @Test func sshKeepsHostKeyCheckingOn() throws {
        let words = try login().sshArguments(config: nil, extraOptions: [], batch: true, command: ["uname", "-a"])
        #expect(words == ["ssh", "-F", "/dev/null", "-o", "ConnectionAttempts=3", "-o", "ConnectTimeout=10",
                          "-o", "ControlMaster=no", "-o", "ControlPath=none", "-o", "PasswordAuthentication=no",
                          "-o", "ServerAliveInterval=60", "-o", "BatchMode=yes",
                          "-o", "IdentitiesOnly=yes", "-i", "/store/machines/web1/id_rsa",
                          "-p", "2222", "docker@10.0.0.5", "--", "uname", "-a"])
        #expect(!words.contains { $0.contains("StrictHostKeyChecking") || $0.contains("UserKnownHostsFile") })
    }

    @Test func anInteractiveLoginMayAskAndUsesTheGivenConfig() throws {
        let words = try login().sshArguments(config: "/etc/dmux/ssh_config", extraOptions: ["-v"], batch: false, command: [])
        #expect(words.prefix(3) == ["ssh", "-F", "/etc/dmux/ssh_config"])
        #expect(words.contains("-v") && !words.contains("BatchMode=yes"))
        #expect(words.last == "docker@10.0.0.5")
    }

    @Test func scpSidesAreLocalRemoteOrLocalhost() {
        #expect(MachineSCP.side("/tmp/a") == MachineSCP.Side(machine: nil, user: nil, path: "/tmp/a"))
        #expect(MachineSCP.side("web1:/tmp/a") == MachineSCP.Side(machine: "web1", user: nil, path: "/tmp/a"))
        #expect(MachineSCP.side("me@web1:a") == MachineSCP.Side(machine: "web1", user: "me", path: "a"))
        #expect(MachineSCP.side("localhost:/x") == MachineSCP.Side(machine: nil, user: nil, path: "/x"))
    }

    @Test func scpToAMachine() throws {
        let web1 = try login()
        let words = try MachineSCP.arguments(
            source: MachineSCP.side("./f"), destination: MachineSCP.side("web1:/tmp/f"), recursive: true,
            config: nil, extraOptions: [], login: { _ throws(MachineError) in web1 })
        #expect(Array(words.suffix(10)) == ["-r", "-o", "IdentitiesOnly=yes", "-o", "Port=2222", "-o", "IdentityFile=/store/machines/web1/id_rsa",
                                           "--", "./f", "docker@10.0.0.5:/tmp/f"])
        #expect(!words.contains("-3"))
    }

    @Test func scpBetweenTwoMachinesGoesThroughThisHost() throws {
        let web1 = try login()
        let words = try MachineSCP.arguments(
            source: MachineSCP.side("web1:/a"), destination: MachineSCP.side("root@web1:/b"), recursive: false,
            config: nil, extraOptions: [], login: { _ throws(MachineError) in web1 })
        #expect(words.contains("-3"))
        #expect(words.suffix(2) == ["docker@10.0.0.5:/a", "root@10.0.0.5:/b"])
    }
}
