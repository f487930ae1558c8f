import Foundation
import Testing
@testable import Shell

/// The pure completion core on a fixed command table and a fixed catalog.
@Suite struct CompletionEngineTests {
    static let table = CommandTable([
        CommandSpec(name: "ps", summary: "List containers", scope: .engines,
                    flags: [FlagSpec("all", short: "a", help: "all"), FlagSpec("filter", short: "f", value: "filter", repeatable: true, help: "filter")],
                    shape: .table) { _ in },
        CommandSpec(name: "logs", summary: "Logs", scope: .engines,
                    flags: [FlagSpec("follow", short: "f", help: "follow"), FlagSpec("tail", short: "n", value: "int", help: "tail")],
                    arguments: [ArgumentSpec("CONTAINER", completion: .container)]) { _ in },
        CommandSpec(name: "run", summary: "Run", scope: .engines,
                    flags: [FlagSpec("name", value: "string", help: "name")],
                    arguments: [ArgumentSpec("IMAGE", completion: .image), ArgumentSpec("CMD", repeats: true)],
                    flagsEndAtFirstArgument: true) { _ in },
        CommandSpec(name: "rm", summary: "Remove", scope: .engines,
                    arguments: [ArgumentSpec("CONTAINER", completion: .container, repeats: true)]) { _ in },
        CommandSpec(name: "env", summary: "Machine env", scope: .shell,
                    arguments: [ArgumentSpec("MACHINE", completion: .machine), ArgumentSpec("CONTEXT", completion: .context)]) { _ in },
        CommandSpec(name: "connect", summary: "Connect", scope: .shell,
                    flags: [FlagSpec("cert-path", value: "dir", help: "dir", completion: .directory)],
                    arguments: [ArgumentSpec("NAME")]) { _ in },
        CommandSpec(name: "use", summary: "Use", scope: .shell,
                    arguments: [ArgumentSpec("TARGETS", completion: .target)]) { _ in },
        CommandSpec(name: "__complete", summary: "hidden", scope: .shell) { _ in },
    ])

    struct Catalog: CompletionCatalog {
        var hostNames = ["m1", "m2", "web1", "web2"]
        var groupNames = ["web"]
        var root = "/nonexistent"
        func machineNames() -> [String] { ["tls1", "tls2"] }
        func contextNames() -> [String] { ["default", "remote"] }
        func containers(target: String?) -> [ContainerCandidate] {
            // Two hosts' worth: `ticker` is on both, so it must be offered once.
            let m1 = [ContainerCandidate(id: "3e50c1d2a9f0aaaa", names: ["ticker", "idle"])]
            let m2 = [ContainerCandidate(id: "91aa0c44e1b7bbbb", names: ["ticker", "web-api"])]
            return target == "m1" ? m1 : m1 + m2
        }
        func images(target: String?) -> [String] { ["busybox:latest", "web/api:1.2"] }
        func paths(extending prefix: String, directoriesOnly: Bool) -> [String] {
            PathCompletion.candidates(extending: prefix, directoriesOnly: directoriesOnly)
        }
    }

    let engine = CompletionEngine(commands: table)

    func complete(_ line: String, _ catalog: Catalog = Catalog()) -> [String] {
        engine.complete(line: line, cursor: line.unicodeScalars.count, catalog: catalog)
    }

    @Test func commandNamesAtTheStartAndAfterTargetsButNotHiddenOnes() {
        #expect(complete("") == ["connect", "env", "logs", "ps", "rm", "run", "use"])
        #expect(complete("r") == ["rm", "run"])
        #expect(complete("@m1 l") == ["logs"])
        #expect(complete("ps; l") == ["logs"])
        #expect(complete("__") == [])
    }

    @Test func flagsOfTheCommandLongAndShortWithoutTheOnesAlreadyGiven() {
        #expect(complete("ps -") == ["--all", "--filter", "--format", "-a", "-f"])
        #expect(complete("ps --") == ["--all", "--filter", "--format"])
        #expect(complete("ps -a --") == ["--filter", "--format"])  // --filter repeats, --all does not
        #expect(complete("logs -f --t") == ["--tail"])
    }

    @Test func flagValuesFromTheFlagsCompletionSource() {
        #expect(complete("ps --format ") == ["grouped", "json", "lines", "table"])
        #expect(complete("ps --format=j") == ["--format=json"])
        #expect(complete("ps --filter ") == [])
        #expect(complete("logs -n 5 ") == ["idle", "ticker", "web-api"])  // the value was consumed
    }

    @Test func targetsAfterAtAndCommasAndExclusions() {
        #expect(complete("@") == ["@all", "@m1", "@m2", "@web", "@web1", "@web2"])
        #expect(complete("@w") == ["@web", "@web1", "@web2"])
        #expect(complete("@m1,") == ["@m1,all", "@m1,m2", "@m1,web", "@m1,web1", "@m1,web2"])
        #expect(complete("@all,!w") == ["@all,!web", "@all,!web1", "@all,!web2"])
        #expect(complete("use web1,m") == ["web1,m1", "web1,m2"])
    }

    @Test func containerNamesFromEveryHostOnceAndIDsOnlyWhenTyped() {
        #expect(complete("logs ") == ["idle", "ticker", "web-api"])
        #expect(complete("logs t") == ["ticker"])
        #expect(complete("logs 91") == ["91aa0c44e1b7"])
        #expect(complete("@m1 logs w") == [])  // web-api lives on m2 only
        #expect(complete("rm ticker i") == ["idle"])  // repeating argument
    }

    @Test func imagesThenNothingForTheCommandAfterIt() {
        #expect(complete("run ") == ["busybox:latest", "web/api:1.2"])
        #expect(complete("run --name x web") == ["web/api:1.2"])
        #expect(complete("run busybox:latest -") == [])  // flags ended at the image
    }

    @Test func machinesContextsAndNothingForFreeText() {
        #expect(complete("env t") == ["tls1", "tls2"])
        #expect(complete("env tls1 r") == ["remote"])
        #expect(complete("connect ") == [])
        #expect(complete("nosuch ") == [])
    }

    @Test func directoriesForCertPath() throws {
        let root = NSTemporaryDirectory() + "dmux-complete-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: root + "/certs-a", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: root + "/certs-b", withIntermediateDirectories: true)
        #expect(FileManager.default.createFile(atPath: root + "/certs-file", contents: Data()))
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(complete("connect x --cert-path \(root)/ce") == ["\(root)/certs-a/", "\(root)/certs-b/"])
        #expect(PathCompletion.candidates(extending: root + "/certs-", directoriesOnly: false)
            == ["\(root)/certs-a/", "\(root)/certs-b/", "\(root)/certs-file"])
    }

    @Test func theWordUnderTheCursorIsCompletedNotTheLineEnd() {
        let line = "logs t --tail 5"
        #expect(engine.complete(line: line, cursor: 6, catalog: Catalog()) == ["ticker"])
        // The cursor counts Unicode scalars, as libedit does: "é" is one.
        #expect(engine.complete(line: "use é,m ps", cursor: 7, catalog: Catalog()) == ["é,m1", "é,m2"])
        #expect(CompletionLine(line: "ps; logs 'my ti", cursor: 15) == CompletionLine(words: ["logs"], current: "ti", head: "ps; logs 'my "))
    }
}
