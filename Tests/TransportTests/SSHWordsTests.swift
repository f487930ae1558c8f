import Endpoints
import Testing

@testable import Transport

/// What dmux asks ssh to run, and what it tells the user when ssh fails: on text alone, with
/// stderr as OpenSSH 9.2 and the docker CLI write it (captured from the fleet's sshd).
@Suite struct SSHWordsTests {
    @Test func theRemoteCommandIsQuotedForTheRemoteShell() {
        #expect(SSHRemoteCommand.line(["docker", "system", "dial-stdio"]) == "docker system dial-stdio")
        #expect(SSHRemoteCommand.line(["docker", "--host=unix:///run/my docker.sock", "system", "dial-stdio"])
            == "docker '--host=unix:///run/my docker.sock' system dial-stdio")
        #expect(SSHRemoteCommand.line(["echo", "it's", "$(reboot)"]) == #"echo 'it'\''s' '$(reboot)'"#)
    }

    @Test func theUsersOptionsComeFirstAndTheURLsLoginLast() {
        var settings = SSHSettings(environment: ["DMUX_SSH_CONFIG": "/etc/dmux/ssh_config", "DMUX_SSH_OPTS": "-o ConnectTimeout=3  -i /k"])
        settings.controlDirectory = "/tmp/d"
        let words = settings.arguments(for: SSHDestination(user: "me", host: "h", port: 2222), connectTimeout: 10)
        #expect(words == ["ssh", "-o", "BatchMode=yes", "-F", "/etc/dmux/ssh_config", "-o", "ConnectTimeout=3", "-i", "/k",
                          "-T", "-l", "me", "-p", "2222"])
        let plain = SSHSettings(environment: [:]).arguments(for: SSHDestination(host: "h"), connectTimeout: 10)
        #expect(plain == ["ssh", "-o", "BatchMode=yes", "-o", "ConnectTimeout=10", "-T"])
    }

    @Test func theMastersOptionsComeBeforeTheUsersSoThatTheyCannotBeUndone() {
        let settings = SSHSettings(environment: ["DMUX_SSH_OPTS": "-o ControlPath=none"])
        let words = settings.arguments(for: SSHDestination(host: "h"), connectTimeout: 10, control: ["-o", "ControlPath=/d/m"])
        #expect(words.prefix(7) == ["ssh", "-o", "ControlPath=/d/m", "-o", "BatchMode=yes", "-o", "ControlPath=none"])
    }

    @Test func theControlDirectoryIsPrivateAndShort() {
        #expect(SSHSettings(environment: ["XDG_RUNTIME_DIR": "/run/user/1000"]).controlDirectory == "/run/user/1000/dmux-ssh")
        #expect(SSHSettings(environment: [:]).controlDirectory.hasPrefix("/tmp/dmux-ssh-"))
        #expect(SSHSettings(environment: ["XDG_RUNTIME_DIR": "relative"]).controlDirectory.hasPrefix("/tmp/dmux-ssh-"))
    }

    @Test func differentSettingsNeverShareAMaster() {
        let one = SSHSettings(environment: ["DMUX_SSH_CONFIG": "/a"])
        let other = SSHSettings(environment: ["DMUX_SSH_CONFIG": "/b"])
        #expect(one.fingerprint != other.fingerprint)
        #expect(one.fingerprint.count == 16)
    }

    @Test func refusedTimedOutAndUnresolved() {
        #expect(SSHFailure.describe(stderr: "ssh: connect to host 127.0.0.1 port 22299: Connection refused\r\n", status: 255)
            == "ssh: connect to host 127.0.0.1 port 22299: Connection refused")
        #expect(SSHFailure.describe(stderr: "ssh: connect to host 10.9.9.9 port 22: Connection timed out\r\n", status: 255)
            == "ssh: connect to host 10.9.9.9 port 22: Connection timed out")
        #expect(SSHFailure.describe(stderr: "ssh: Could not resolve hostname nowhere: Name or service not known\r\n", status: 255)
            == "ssh: Could not resolve hostname nowhere: Name or service not known")
    }

    @Test func anUnknownHostKeyIsRefusedWithSshsReason() {
        let stderr = "No ED25519 host key is known for [127.0.0.1]:22221 and you have requested strict checking.\r\nHost key verification failed.\r\n"
        let words = SSHFailure.describe(stderr: stderr, status: 255)
        #expect(words.hasPrefix("ssh refused the host: No ED25519 host key is known for [127.0.0.1]:22221"), "\(words)")
        #expect(words.contains("Host key verification failed"))
        #expect(SSHFailure.describe(stderr: "Host key verification failed.\r\n", status: 255).contains("Host key verification failed"))
    }

    @Test func aChangedHostKeyIsNamedAndItsFileToo() {
        let stderr = """
            @@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@\r
            @    WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!     @\r
            @@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@\r
            IT IS POSSIBLE THAT SOMEONE IS DOING SOMETHING NASTY!\r
            Offending ED25519 key in /tmp/kh:1\r
            Host key for [127.0.0.1]:22221 has changed and you have requested strict checking.\r
            Host key verification failed.\r

            """
        let words = SSHFailure.describe(stderr: stderr, status: 255)
        #expect(words.contains("REMOTE HOST IDENTIFICATION HAS CHANGED"), "\(words)")
        #expect(words.contains("Offending ED25519 key in /tmp/kh:1"), "\(words)")
        #expect(!words.contains("\n"))
    }

    @Test func anAuthenticationFailureKeepsSshsWords() {
        #expect(SSHFailure.describe(stderr: "nobody@127.0.0.1: Permission denied (publickey).\r\n", status: 255)
            == "ssh authentication failed: nobody@127.0.0.1: Permission denied (publickey).")
    }

    @Test func theKeysSshOffersAreThoseOfItsConfigThatExist() {
        let dump = "user root\nidentityfile ~/.ssh/id_rsa\nidentityfile ~/.ssh/id_ed25519\nidentityfile /k/fleet\nidentitiesonly no\n"
        let present: Set = ["/home/me/.ssh/id_ed25519", "/k/fleet"]
        #expect(SSHIdentities.offered(configDump: dump, home: "/home/me", agentSocket: "/run/agent") { present.contains($0) }
            == "/home/me/.ssh/id_ed25519, /k/fleet, the keys of ssh-agent")
        #expect(SSHIdentities.offered(configDump: dump + "identityagent none\n", home: "/home/me", agentSocket: "/run/agent") { present.contains($0) }
            == "/home/me/.ssh/id_ed25519, /k/fleet")
        #expect(SSHIdentities.offered(configDump: dump, home: "/home/me", agentSocket: nil) { _ in false } == nil)
    }

    @Test func aRemoteWithoutDockerOrWithAnOldOne() {
        #expect(SSHFailure.describe(stderr: "bash: line 1: docker: command not found\n", status: 127)
            == "the remote host has no docker CLI (bash: line 1: docker: command not found); dial-stdio needs docker 18.09 or later there")
        #expect(SSHFailure.describe(stderr: "sh: 1: docker: not found\n", status: 127).hasPrefix("the remote host has no docker CLI"))
        let old = #"docker: 'system dial-stdio' is not a docker command. unknown command "dial-stdio" for "docker system""#
        #expect(SSHFailure.describe(stderr: old + "\n", status: 1).hasPrefix("the remote docker CLI is too old"))
    }

    @Test func aRemoteEngineThatIsDown() {
        let stderr = "failed to open the raw stream connection: dial unix /x.sock: connect: no such file or directory\n"
        #expect(SSHFailure.describe(stderr: stderr, status: 1)
            == "the remote engine is not reachable from the ssh host: failed to open the raw stream connection: dial unix /x.sock: connect: no such file or directory")
    }

    @Test func tooManySessionsOnOneConnection() {
        let stderr = "channel 11: open failed: administratively prohibited: open failed\r\n"
        #expect(SSHFailure.describe(stderr: stderr, status: 255).contains("MaxSessions"))
    }

    @Test func anythingElseIsSshsLastLine() {
        #expect(SSHFailure.describe(stderr: "first\nkex_exchange_identification: read: Connection reset by peer\r\n", status: 255)
            == "kex_exchange_identification: read: Connection reset by peer")
        #expect(SSHFailure.describe(stderr: "odd\nlast words\n", status: 255) == "ssh: last words")
        #expect(SSHFailure.describe(stderr: "", status: 255) == "ssh exited with status 255")
    }
}
