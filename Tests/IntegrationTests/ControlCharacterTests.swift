import Endpoints
import Foundation
import Testing
import TestSupport

/// Issue 12 item 6: an escape sequence an engine sends never reaches the terminal through dmux's
/// own words: its tables, failure lines and summaries show it escaped (`\x1b[31m`).
@Suite struct ControlCharacterTests {
    static let escape = "\u{1B}"

    static func expectNoEscape(_ result: ProcessResult, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!result.stdout.contains(escape) && !result.stderr.contains(escape), "\(result)", sourceLocation: sourceLocation)
    }

    @Test func anEnginesErrorMessageIsShownEscaped() async throws {
        let result = try await HostilePeer.with({ _, peer in
            try await peer.reply("404 Not Found", json: #"{"message":"No such image: \u001b[2J\u001b[31mred\nsecond line"}"#)
        }) { fake in try await HostilePeer.run("images", on: fake) }
        Self.expectNoEscape(result)
        #expect(HostilePeer.fakeErrors(result).first == #"fake: No such image: \x1b[2J\x1b[31mred"#, "\(result)")
        #expect(result.stderr.contains("\nsecond line\n"), "the message's own lines stay lines: \(result)")
        #expect(result.stderr.contains("1 of 2 hosts failed: fake (no such image)\n"), "\(result)")
    }

    @Test func anEngineSuppliedCellIsShownEscapedInTheTable() async throws {
        let image = #"[{"Id":"sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef","RepoTags":["evil\u001b[31m:latest"],"Created":1,"Size":1}]"#
        let result = try await HostilePeer.with({ _, peer in
            try await peer.reply(json: image)
        }) { fake in try await HostilePeer.run("images", on: fake) }
        Self.expectNoEscape(result)
        #expect(result.lines.contains { $0.hasPrefix("fake ") && $0.contains(#"evil\x1b[31m"#) }, "\(result)")
    }

    /// The case the issue found: `hosts` printed a context name's ESC[31m raw. The name breaks
    /// docker's rule, so the context is one diagnostic (shown escaped) and the rest load.
    @Test func aContextNamedWithAnEscapeSequence() throws {
        let config = try Dmux.temporaryHome() + "/docker"
        for (name, json) in [("red", #"\u001b[31mred"#), ("good", "good")] {
            let meta = config + "/contexts/meta/\(ContextStore.contextID(name))"
            try FileManager.default.createDirectory(atPath: meta, withIntermediateDirectories: true)
            try #"{"Name":"\#(json)","Metadata":{},"Endpoints":{"docker":{"Host":"\#(try Fleet.unix1)"}}}"#
                .write(toFile: meta + "/meta.json", atomically: false, encoding: .utf8)
        }
        let result = try Dmux.run(["hosts"], environment: ["DOCKER_CONFIG": config])
        Self.expectNoEscape(result)
        #expect(result.stderr.contains(#"context name "\x1b[31mred" is invalid"#), "\(result)")
        #expect(result.stdout.split(separator: "\n").contains { $0.hasPrefix("good ") && $0.contains(" up ") }, "\(result)")
    }
}
