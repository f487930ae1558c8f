import Foundation
import Testing

/// The interactive shell driven through tmux, against the real fleet (u1 by -H, tls1 and tls2
/// from the machine store).
@Suite(.serialized) struct ReplTests {
    static func start() throws -> ReplTmux {
        let repl = try ReplTmux(["-H", "u1=\(try Fleet.unix1)"], environment: ["MACHINE_STORAGE_PATH": try Fleet.machineStore])
        repl.waitFor("the first prompt") { $0.contains("dmux [all: 3/3 up]>") }  // tmux trims the trailing space
        return repl
    }

    @Test func typingACommandShowsItsOutputAndANewPrompt() throws {
        let repl = try Self.start()
        try repl.type("hosts")
        try repl.send("Enter")
        repl.waitFor("the hosts table") { screen in
            screen.contains("HOST") && screen.split(separator: "\n").contains { $0.hasPrefix("tls2 ") && $0.contains(" up ") }
        }
        repl.waitFor("a prompt after the table") { _ in repl.lastLine == "dmux [all: 3/3 up]>" }
        try repl.type("use tls*")
        try repl.send("Enter")
        repl.waitFor("the sticky target in the prompt") { _ in repl.lastLine == "dmux [tls*: 2/2 up]>" }
        try repl.type("nosuch")
        try repl.send("Enter")
        repl.waitFor("a suggestion") { $0.contains("unknown command 'nosuch'") }
        try repl.type("hots")
        try repl.send("Enter")
        repl.waitFor("the nearest command") { $0.contains("did you mean 'hosts'?") }
    }

    @Test func tabCompletesCommandsTargetsAndFlags() throws {
        let repl = try Self.start()
        try repl.type("@tls1,t")
        try repl.send("Tab")
        repl.waitFor("the target completed") { _ in repl.lastLine.hasSuffix("> @tls1,tls2") }
        try repl.type("ho")
        try repl.send("Tab")
        repl.waitFor("the command completed") { _ in repl.lastLine.hasSuffix("> @tls1,tls2 hosts") }
        // A unique completion adds a space, which the pane cannot show at the end of a line; type
        // one more either way (the shell ignores the extra one) and compare with spaces folded.
        try repl.type(" --format j")
        try repl.send("Tab")
        repl.waitFor("the flag value completed") { _ in
            repl.lastLine.split(separator: " ").joined(separator: " ").hasSuffix("hosts --format json")
        }
        try repl.send("Enter")
        repl.waitFor("json records for both hosts") { $0.contains("\"host\":\"tls1\"") && $0.contains("\"host\":\"tls2\"") }
    }

    /// Subcommands of a management node, and their own flags, complete as commands do.
    @Test func tabCompletesSubcommandsAndTheirFlags() throws {
        let repl = try Self.start()
        try repl.type("@tls1 container l")
        try repl.send("Tab")
        try repl.type("s")
        try repl.send("Tab")
        repl.waitFor("the subcommand completed") { _ in repl.lastLine.hasSuffix("> @tls1 container ls") }
        try repl.type(" --no-t")
        try repl.send("Tab")
        repl.waitFor("its flag completed") { _ in
            repl.lastLine.split(separator: " ").joined(separator: " ").hasSuffix("container ls --no-trunc")
        }
    }

    @Test func historyIsRecalledWithUpAndWrittenToTheFileButNotSecrets() throws {
        let repl = try Self.start()
        for line in ["set fanout 9", "connect x unix:///nowhere --password hunter2", "set fanout"] {
            try repl.type(line)
            try repl.send("Enter")
        }
        repl.waitFor("the last line's output") { $0.split(separator: "\n").contains("fanout 9") }
        try repl.send("Up")
        try repl.send("Up")
        try repl.send("Up")
        repl.waitFor("the first line recalled") { _ in repl.lastLine.hasSuffix("> set fanout 9") }
        try repl.send("C-u")
        try repl.send("C-d")
        repl.waitFor("dmux to exit") { $0.contains("[exited 0]") }
        let saved = try String(contentsOfFile: repl.history, encoding: .utf8)
        #expect(saved.contains("set fanout 9") && saved.contains("set fanout\n"), "history file: \(saved)")
        #expect(!saved.contains("hunter2"), "a secret reached the history file: \(saved)")
    }

    /// Needs a command with a container argument (`logs`, from the stream commands' branch).
    @Test func tabCompletesALiveContainerNameFoundOnTwoHosts() throws {
        let name = "t-repl-\(UInt32.random(in: 0...UInt32.max))"
        let engines = ["unix1", "tls1"]
        defer { FleetDocker.remove(name, from: engines) }
        for engine in engines { try FleetDocker.run(engine, ["run", "-d", "--network", "none", "--name", name, Fleet.image, "sleep", "1000"]) }
        let repl = try Self.start()
        try repl.type("logs \(name.dropLast(3))")
        try repl.send("Tab")
        repl.waitFor("the container name completed once") { _ in repl.lastLine.hasSuffix("> logs \(name)") }
    }

    /// Needs `logs -f` (the stream commands' branch): Ctrl-C must cancel it on every host.
    @Test func ctrlCCancelsAStreamOnEveryHostAndThePromptComesBack() throws {
        let name = "t-repl-\(UInt32.random(in: 0...UInt32.max))"
        let hosts = ["u1", "tls1", "tls2"]
        defer { FleetDocker.remove(name, from: ["unix1", "tls1", "tls2"]) }
        for engine in ["unix1", "tls1", "tls2"] {
            try FleetDocker.run(engine, ["run", "-d", "--network", "none", "--name", name, Fleet.image,
                                       "sh", "-c", "while true; do echo tick-$HOSTNAME; sleep 0.2; done"])
        }
        let repl = try Self.start()
        try repl.type("@all logs -f \(name)")
        try repl.send("Enter")
        repl.waitFor("lines from all three hosts") { screen in hosts.allSatisfy { screen.contains("\($0) ") && screen.contains("tick-") } }
        try repl.send("C-c")
        repl.waitFor("the prompt back after ^C") { _ in repl.lastLine == "dmux [all: 3/3 up]>" }
        let settled = repl.screen
        usleep(600_000)
        #expect(repl.screen == settled, "output kept coming after Ctrl-C")
        try repl.type("set fanout")
        try repl.send("Enter")
        repl.waitFor("the shell still works") { $0.contains("fanout 64") }
    }
}
