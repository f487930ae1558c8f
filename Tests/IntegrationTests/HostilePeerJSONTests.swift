import Foundation
import Testing

/// An engine whose JSON strings hold escapes no honest engine writes: lone and mismatched UTF-16
/// surrogates. Each becomes U+FFFD (as Go's encoding/json reads them), the real engine in the same
/// command answers, and dmux exits with a status, not a signal.
@Suite struct HostilePeerJSONTests {
    /// `\ud800\u0041` trapped the parser (SIGILL) before it read a high surrogate without its pair.
    static let answer = #"{"Id":"f00d","Name":"/a\ud800\u0041b","Config":{"Labels":{"\udc00":"\ud800"}},"ApiVersion":"1.41"}"#

    @Test(arguments: ["api GET /version", "inspect dmux-test/busybox:latest"])
    func unpairedSurrogatesBecomeReplacementCharacters(line: String) async throws {
        let result = try await HostilePeer.with({ _, peer in try await peer.reply(json: Self.answer) }) { fake in
            try await HostilePeer.run(line + " --format json", on: fake)
        }
        #expect(result.status == 0 && result.stderr == "", "\(result)")
        let fake = result.lines.filter { $0.hasPrefix(#"{"host":"fake""#) }
        #expect(fake.count == 1 && fake.first?.contains("/a\u{FFFD}Ab") == true, "\(result)")
        #expect(result.lines.contains { $0.hasPrefix(#"{"host":"unix1""#) }, "unix1 did not answer: \(result)")
    }
}
