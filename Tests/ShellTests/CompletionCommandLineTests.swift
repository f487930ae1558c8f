import Foundation
import Testing
@testable import Shell

/// `dmux __complete WORDS…`: the executable's options, then the shell line, or the `-c` line.
@Suite struct CompletionCommandLineTests {
    func plan(_ words: String...) -> CommandLineCompletion.Plan {
        CommandLineCompletion.plan(words: words).plan
    }

    @Test func topLevelFlagsAndTheirValues() {
        guard case .fixed(let flags) = plan("--col") else { Issue.record("no flags"); return }
        #expect(flags == ["--color"])
        guard case .fixed(let all) = plan("-") else { Issue.record("no flags"); return }
        #expect(all.contains("-H") && all.contains("--host") && all.contains("--on-error-stop") && all.contains("-c"))
        guard case .value(let flag, let typed, let prefix) = plan("--color=al") else { Issue.record("no value"); return }
        #expect(flag.long == "color" && typed == "al" && prefix == "--color=")
        let catalog = CompletionEngineTests.Catalog()
        #expect(CommandLineCompletion.values(of: flag, typed: typed, catalog: catalog) == ["always"])
        guard case .value(let host, let hostTyped, _) = plan("-H", "u") else { Issue.record("no -H value"); return }
        #expect(CommandLineCompletion.values(of: host, typed: hostTyped, catalog: catalog) == ["unix://"])
    }

    @Test func theWordsAfterTheOptionsAreAShellLine() {
        let (plan, hosts) = CommandLineCompletion.plan(words: ["-H", "u1=unix:///s", "--host=u2=unix:///t", "--color", "never", "@u1", "logs", "t"])
        #expect(plan == .line("@u1 logs t", prefix: ""))
        #expect(hosts == ["u1=unix:///s", "u2=unix:///t"])
        #expect(self.plan("") == .line("", prefix: ""))
        #expect(self.plan("--norc", "@w") == .line("@w", prefix: ""))
    }

    @Test func theLineInsideDashCKeepsItsQuoteAndEarlierWords() {
        #expect(plan("-c", "'ps; logs t") == .line("ps; logs t", prefix: "'ps; logs "))
        #expect(plan("--command=hel") == .line("hel", prefix: "--command="))
        #expect(plan("-c", "") == .line("", prefix: ""))
    }

    @Test func committedScriptsEqualWhatTheBinaryPrints() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let files: [CompletionScript.Kind: String] = [.bash: "dmux.bash", .zsh: "_dmux", .fish: "dmux.fish"]
        for (kind, file) in files {
            let committed = try String(contentsOf: root.appendingPathComponent("completions/" + file), encoding: .utf8)
            #expect(committed == CompletionScript.text(kind, commands: .standard), "completions/\(file) is stale: run dmux completion \(kind.rawValue) > completions/\(file)")
        }
        // Generated from the table: every visible command is listed, the hidden one is not.
        let bash = CompletionScript.text(.bash, commands: .standard)
        let listed = bash.split(separator: "\n").first { $0.hasPrefix("# Commands: ") }?.split(separator: " ").dropFirst(2).map(String.init)
        #expect(listed == CommandTable.standard.visible.map(\.name))
        #expect(listed?.contains("__complete") == false && bash.contains("dmux __complete"))
    }

    @Test func healthChangesAreAnnouncedOnce() {
        var down = FanOutStatus.make(.down(reason: "connection refused"))
        #expect(HealthMonitor.describe("m3", from: .up, to: down) == "m3 is down: connection refused")
        #expect(HealthMonitor.describe("m3", from: .down, to: FanOutStatus.make(.up)) == "m3 is up again")
        down = FanOutStatus.make(.down(reason: "timeout"))
        #expect(HealthMonitor.describe("m3", from: .down, to: down) == nil)
        #expect(HealthMonitor.describe("m3", from: .unknown, to: FanOutStatus.make(.up)) == nil)
    }
}

import FanOut

enum FanOutStatus {
    static func make(_ state: HostStatus.State) -> HostStatus {
        var status = HostStatus()
        status.state = state
        return status
    }
}
