import Foundation
import Testing
import TestSupport

/// `exec -it` through ssh: the hijacked stream and a real terminal (tmux), end to end.
@Suite struct SSHTerminalTests {
    @Test func execItRunsAnInteractiveShellOverSSH() throws {
        let ssh = try SSHFleet()
        defer { ssh.removeRuntimeDirectory() }
        let name = "t-ssh-it-\(UUID().uuidString.prefix(8).lowercased())"
        let host = "s=\(ssh.url)"
        let started = try Dmux.run(["-H", host, "-c", "run -d --name \(name) --network none \(Fleet.image) sleep 300"],
                                   environment: ssh.environment())
        #expect(started.status == 0, "\(started)")
        defer { _ = try? Dmux.run(["-H", host, "-c", "rm -f \(name)"], environment: ssh.environment()) }

        let pane = try ReplTmux(["-H", host, "-c", "exec -it \(name) sh"], environment: ssh.environment())
        pane.waitFor("the container's prompt", timeout: 30) { $0.contains("/ #") }
        try pane.type("echo $((6*7))")
        try pane.send("Enter")
        pane.waitFor("the shell's answer") { $0.contains("\n42\n") }
        try pane.type("exit 5")
        try pane.send("Enter")
        // One targeted host: docker's exit, the shell's status and no line of dmux's own.
        pane.waitFor("dmux to end with the exit code") { $0.contains("[exited 5]") && !$0.contains("exit code 5") }
    }
}
