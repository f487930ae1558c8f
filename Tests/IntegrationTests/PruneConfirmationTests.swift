import Foundation
import Testing

/// The prune question in the real REPL under tmux: asked once for every targeted host, naming
/// them, with docker's words; `y` prunes everywhere, anything else nowhere.
@Suite(.serialized) struct PruneConfirmationTests {
    static func start() throws -> ReplTmux {
        let repl = try ReplTmux(["-H", "u1=\(try Fleet.unix1)", "-H", "t1=\(try Fleet.tls1)"],
                                environment: ["DOCKER_CERT_PATH": try Fleet.certs("tls1"), "DOCKER_TLS_VERIFY": "1"])
        repl.waitFor("the first prompt") { $0.contains("dmux [all: 2/2 up]>") }
        return repl
    }

    static func exited(_ label: String) throws -> [String: String] {
        var ids: [String: String] = [:]
        for engine in ["unix1", "tls1"] {
            ids[engine] = try FleetDocker.output(engine, ["create", "--network", "none", "--label", label, Fleet.image, "true"])
        }
        return ids
    }

    /// Types a prune of two labelled containers (one per host), waits for the question, shows
    /// the screen to `asked`, answers `answer`, and hands the IDs to `after`; removes them after.
    static func prune(answering answer: String, asked: (String) -> Void, after: (ReplTmux, [String: String]) throws -> Void) throws {
        let label = "dmux-prune=" + FleetDocker.uniqueName("ask")
        let ids = try exited(label)
        defer { for (engine, id) in ids { FleetDocker.remove(id, from: [engine]) } }
        let repl = try start()
        try repl.type("container prune --filter label=\(label)")
        try repl.send("Enter")
        repl.waitFor("the question") { $0.contains("Are you sure you want to continue? [y/N]") }
        asked(repl.screen)
        try repl.type(answer)
        try repl.send("Enter")
        try after(repl, ids)
    }

    @Test func oneQuestionNamesEveryHostAndYesPrunesThemAll() throws {
        try Self.prune(answering: "y") { screen in
            #expect(screen.contains("WARNING! This will remove all stopped containers.\nOn 2 hosts: u1, t1\nAre you sure you want to continue? [y/N]"),
                    "\(screen)")
            #expect(screen.components(separatedBy: "Are you sure").count == 2, "asked once: \(screen)")
        } after: { repl, ids throws in
            repl.waitFor("the total") { $0.contains("Total reclaimed space on 2 hosts: 0B") }
            for (engine, id) in ids { #expect(try FleetDocker.state(engine, id) == nil, "\(engine) still has \(id)") }
        }
    }

    @Test func anythingButYesPrunesNothing() throws {
        try Self.prune(answering: "no") { _ in } after: { repl, ids throws in
            repl.waitFor("the prompt again") { _ in repl.lastLine == "dmux [all: 2/2 up]>" }
            #expect(!repl.screen.contains("Total reclaimed space"), "\(repl.screen)")
            for (engine, id) in ids { #expect(try FleetDocker.state(engine, id) == "created", "\(engine) lost \(id)") }
        }
    }
}
