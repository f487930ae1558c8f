import Foundation
import Testing
@testable import Shell

/// `dmux __complete WORDS…`: the executable's options, then the shell line, or the `-c` line.
@Suite struct CompletionCommandLineTests {
    func plan(_ words: String...) -> CommandLineCompletion.Plan {
        CommandLineCompletion.plan(words: words).plan
    }

    func candidates(_ words: String...) -> [String] {
        CommandLineCompletionTests.candidates(words)
    }

    @Test func topLevelFlagsAndTheirValues() {
        #expect(candidates("--col") == ["--color"])
        let all = candidates("-")
        #expect(all.contains("-H") && all.contains("--host") && all.contains("--on-error-stop") && all.contains("-c"))
        guard case .value(let flag, let typed, let prefix) = plan("--color=al") else { Issue.record("no value"); return }
        #expect(flag.long == "color" && typed == "al" && prefix == "--color=")
        #expect(candidates("--color=al") == ["--color=always"])
        #expect(candidates("-H", "u") == ["unix://"])
    }

    @Test func theWordsAfterTheOptionsAreACommandWalkedAsWords() {
        let (plan, hosts) = CommandLineCompletion.plan(words: ["-H", "u1=unix:///s", "--host=u2=unix:///t", "--color", "never", "@u1", "logs", "t"])
        guard case .line(let request, let prefix) = plan else { Issue.record("no line"); return }
        #expect(request.line.words == ["@u1", "logs"] && request.line.current == "t" && prefix == "")
        #expect(request.target == "u1" && request.slot == .source(.container, prefix: ""))
        #expect(hosts == ["u1=unix:///s", "u2=unix:///t"])
        #expect(candidates("").contains("ps"))
        #expect(candidates("--norc", "@w") == ["@web", "@web1", "@web2"])
        // A word the login shell kept whole stays one word: no quoting, no second split.
        #expect(candidates("@m1", "logs", "--since", "1 h", "t") == ["ticker"])
        #expect(candidates("container", "l") == ["list", "logs", "ls"])
        #expect(candidates("@m1", "machine", "cr") == ["create"])
    }

    @Test func theLineInsideDashCKeepsItsQuoteAndEarlierWords() {
        #expect(candidates("-c", "'ps; logs t") == ["'ps; logs ticker"])
        #expect(candidates("--command=hel") == ["--command=help"])
        #expect(candidates("-c", "").contains("ps"))
        #expect(candidates("-c", "'image l") == ["'image list", "'image load", "'image ls"])
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
