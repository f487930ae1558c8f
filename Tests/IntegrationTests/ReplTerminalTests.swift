import Foundation
import Testing

/// `!PROGRAM` in the real REPL under tmux: a program that reads the terminal gets it as the
/// foreground job and gets what is typed; Ctrl-C and Ctrl-Z on it return to the prompt; the
/// terminal's modes come back (issue 12, item 4). Before, the child stopped on SIGTTIN in the
/// background and the REPL hung for good.
@Suite(.serialized) struct ReplTerminalTests {
    static func start() throws -> ReplTmux {
        let repl = try ReplTmux(["-H", "u1=\(try Fleet.unix1)"])
        repl.waitFor("the first prompt") { $0.contains("dmux [all: 1/1 up]>") }
        return repl
    }

    private func prompts(_ repl: ReplTmux) -> Int {
        repl.screen.components(separatedBy: "dmux [all: 1/1 up]>").count - 1
    }

    /// Types `line`, lets the child start, presses `key`, and waits for a new prompt.
    private func interrupt(_ repl: ReplTmux, running line: String, with key: String) throws {
        let before = prompts(repl)
        try repl.type(line)
        try repl.send("Enter")
        Thread.sleep(forTimeInterval: 0.5)
        try repl.send(key)
        repl.waitFor("a prompt after \(key)", timeout: 8) { _ in self.prompts(repl) > before && repl.lastLine == "dmux [all: 1/1 up]>" }
    }

    @Test func aChildThatReadsTheTerminalGetsTheTypedLine() throws {
        let repl = try Self.start()
        try repl.type(#"!sh -c 'printf "name? " >/dev/tty; read x; echo "got $x"'"#)
        try repl.send("Enter")
        repl.waitFor("the child's own prompt on the terminal") { $0.contains("name? ") }
        try repl.type("hello there")
        try repl.send("Enter")
        repl.waitFor("the line the child read") { $0.contains("\ngot hello there") }
        repl.waitFor("a prompt after it") { _ in repl.lastLine == "dmux [all: 1/1 up]>" }
        // The line editor has the terminal again: typing works.
        try repl.type("set fanout")
        try repl.send("Enter")
        repl.waitFor("the next command's answer") { $0.contains("\nfanout 64") }
    }

    @Test func aChildReadingTheTerminalDirectlyGetsItToo() throws {
        let repl = try Self.start()
        // What ssh and sudo do for a password: open /dev/tty, turn echo off, read, restore.
        try repl.type(#"!sh -c 'stty -echo </dev/tty; read x </dev/tty; stty echo </dev/tty; echo "secret has ${#x} chars"'"#)
        try repl.send("Enter")
        Thread.sleep(forTimeInterval: 0.5)
        try repl.type("hunter2")
        try repl.send("Enter")
        repl.waitFor("the child's answer") { $0.contains("\nsecret has 7 chars") }
        #expect(!repl.screen.contains("hunter2"), "echo was on while the child read: \(repl.screen)")
        repl.waitFor("a prompt after it") { _ in repl.lastLine == "dmux [all: 1/1 up]>" }
    }

    @Test func ctrlCOnAChildHoldingTheTerminalReturnsToThePrompt() throws {
        let repl = try Self.start()
        try interrupt(repl, running: "!sh -c 'stty -echo </dev/tty; read x </dev/tty'", with: "C-c")
        // The child died with echo off; dmux restored the modes it lent the terminal with.
        try repl.type("set fanout")
        repl.waitFor("typed text echoed") { _ in repl.lastLine.hasSuffix("> set fanout") }
        try repl.send("Enter")
        repl.waitFor("the next command's answer") { $0.contains("\nfanout 64") }
    }

    @Test func ctrlCOnAStuckChildInTheBackgroundReturnsToThePrompt() throws {
        let repl = try Self.start()
        try interrupt(repl, running: #"!sh -c 'trap "" TERM; sleep 60'"#, with: "C-c")
        #expect(repl.screen.contains("^C cancelled"), "\(repl.screen)")
    }

    @Test func ctrlZOnAChildHoldingTheTerminalEndsItAndReturnsToThePrompt() throws {
        let repl = try Self.start()
        try interrupt(repl, running: "!sh -c 'read x; echo never'", with: "C-z")
        #expect(!repl.screen.contains("\nnever"))
    }

    /// Ctrl-C while the rc file runs a long command ends the rc file, and the REPL starts.
    @Test func ctrlCDuringTheRCFileStillStartsTheShell() throws {
        let rc = NSTemporaryDirectory() + "dmux-rc-\(UUID().uuidString)"
        try "!sleep 30\nset fanout 5\n".write(toFile: rc, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: rc) }
        let repl = try ReplTmux(["-H", "u1=\(try Fleet.unix1)"], environment: ["DMUX_RC": rc])
        Thread.sleep(forTimeInterval: 1.5)
        try repl.send("C-c")
        repl.waitFor("the prompt after the rc file was interrupted", timeout: 8) { $0.contains("dmux [all: 1/1 up]>") }
        #expect(repl.screen.contains("^C rc file interrupted"), "\(repl.screen)")
        try repl.type("set fanout")
        try repl.send("Enter")
        repl.waitFor("the line after the interrupted one did not run") { $0.contains("\nfanout 64") }
    }
}
