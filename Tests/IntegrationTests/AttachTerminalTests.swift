import Foundation
import Testing

/// `attach` to a TTY container in the real REPL under tmux: keys go to the container's shell,
/// its output comes back, and docker's ctrl-p ctrl-q leaves it running and returns to the prompt.
@Suite(.serialized) struct AttachTerminalTests {
    @Test func keysReachTheContainerAndDetachKeysLeaveItRunning() throws {
        let name = FleetDocker.uniqueName("attach")
        defer { FleetDocker.remove(name, from: ["unix1"]) }
        try FleetDocker.run("unix1", ["run", "-dit", "--network", "none", "--name", name, Fleet.image, "sh"])
        let repl = try ReplTmux(["-H", "u1=\(try Fleet.unix1)"])
        repl.waitFor("the first prompt") { $0.contains("dmux [all: 1/1 up]>") }
        try repl.type("attach \(name)")
        try repl.send("Enter")
        Thread.sleep(forTimeInterval: 0.5)
        try repl.type("echo attached-$((6*7))")
        try repl.send("Enter")
        repl.waitFor("the container's answer") { $0.contains("attached-42") }
        try repl.send("C-p")
        try repl.send("C-q")
        // The prompt follows the container's own, as after exec -it's detach.
        repl.waitFor("the prompt after detaching") { _ in repl.lastLine.hasSuffix("# dmux [all: 1/1 up]>") }
        #expect(try FleetDocker.state("unix1", name) == "running")
    }
}
