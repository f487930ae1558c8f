import Foundation
import Testing
import TestSupport

/// What docker asks or refuses on a terminal, in the real REPL under tmux: `login` asks for what
/// it was not given (the password without echo), `save` will not write a tar to the terminal and
/// `load` will not wait for one typed on it (docker/cli cli/command/registry.go, image/save.go,
/// image/load.go).
@Suite(.serialized) struct TerminalPromptTests {
    static let prompt = "dmux [all: 1/1 up]>"

    static func start(config: String) throws -> ReplTmux {
        let repl = try ReplTmux(["-H", "u1=\(try Fleet.unix1)"], environment: ["DOCKER_CONFIG": config])
        repl.waitFor("the first prompt") { $0.contains(prompt) }
        return repl
    }

    @Test func loginAsksForTheUserAndThePasswordWithoutEchoAndStoresThem() throws {
        let config = try FleetRegistry.configDirectory()
        let repl = try Self.start(config: config)
        let password = try FleetRegistry.password
        try repl.type("login \(try FleetRegistry.address)")
        try repl.send("Enter")
        // tmux's capture drops the question's trailing space.
        repl.waitFor("the username question") { $0.contains("\nUsername:") }
        try repl.type(try FleetRegistry.user)
        try repl.send("Enter")
        repl.waitFor("the password question") { $0.contains("\nPassword:") }
        try repl.type(password)
        try repl.send("Enter")
        repl.waitFor("the engine's answer") { $0.contains("\nLogin Succeeded") }
        repl.waitFor("a prompt after it") { _ in repl.lastLine == Self.prompt }
        #expect(!repl.screen.contains(password), "the password was echoed: \(repl.screen)")
        let stored = try String(contentsOfFile: config + "/config.json", encoding: .utf8)
        #expect(stored.contains(Data("\(try FleetRegistry.user):\(password)".utf8).base64EncodedString()), "\(stored)")

        // Asked again, the stored user is the default and the stored credentials are used as docker uses them.
        try repl.type("login \(try FleetRegistry.address)")
        try repl.send("Enter")
        repl.waitFor("the stored credentials in use") { $0.contains("Authenticating with existing credentials... [Username: \(try! FleetRegistry.user)]") }
        repl.waitFor("a second answer") { $0.components(separatedBy: "\nLogin Succeeded").count == 3 }
    }

    @Test func saveRefusesTheTerminalAndLoadRefusesToReadIt() throws {
        let repl = try Self.start(config: try FleetRegistry.configDirectory())
        try repl.type("save \(Fleet.image)")
        try repl.send("Enter")
        repl.waitFor("save's refusal") { $0.contains("cowardly refusing to save to a terminal. Use the -o flag or redirect") }
        try repl.type("load")
        try repl.send("Enter")
        repl.waitFor("load's refusal") { $0.contains("requested load from stdin, but stdin is empty") }
        repl.waitFor("a prompt after it") { _ in repl.lastLine == Self.prompt }
    }

    @Test func loginWithoutATerminalRefusesAsDockerDoes() throws {
        let result = try FleetRegistry.dmux("login \(try FleetRegistry.address) -u \(try FleetRegistry.user)", config: try FleetRegistry.configDirectory())
        #expect(result.status != 0 && result.stderr.contains("error: cannot perform an interactive login from a non-TTY device"), "\(result)")
    }
}
