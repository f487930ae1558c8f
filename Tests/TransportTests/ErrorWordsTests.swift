import Foundation
import NIOCore
import Testing
@testable import Transport

/// Errors from below dmux, described in words (issue 17): never `SocketAddressError.UnknownHost`,
/// `typeMismatch(Swift.String, …)` or `ioOnClosedChannel`.
@Suite struct ErrorWordsTests {
    static func expectWords(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(text.firstMatch(of: #/[A-Z][a-zA-Z]+Error\.|\.[a-z]+\(|Swift\./#) == nil, "\(text)", sourceLocation: sourceLocation)
    }

    @Test func anUnknownHostIsDockersLookupFailure() throws {
        do {
            _ = try SocketAddress.makeAddressResolvingHost("nosuch.invalid", port: 2375)
            Issue.record("nosuch.invalid resolved")
        } catch {
            let text = ErrorWords.describe(error)
            #expect(text.hasPrefix("dial tcp: lookup nosuch.invalid: "), "\(text)")
            Self.expectWords(text)
        }
    }

    struct Container: Decodable { var Names: [String] }

    @Test func aJSONAnswerOfTheWrongShapeNamesTheField() {
        let cases = [
            (#"{"Names":"web"}"#, "field Names is not a list"),
            (#"{"Names":[1]}"#, "field Names[0] is not a string"),
            (#"{}"#, "field Names is missing"),
            (#"{"Names":null}"#, "field Names is null, expected a list"),
            ("{", "the answer is not valid JSON"),
        ]
        for (json, words) in cases {
            do {
                _ = try JSONDecoder().decode(Container.self, from: Data(json.utf8))
                Issue.record("\(json) decoded")
            } catch {
                #expect(ErrorWords.describe(error) == words, "\(json)")
                Self.expectWords(ErrorWords.describe(error))
            }
        }
    }

    enum Opaque: Error { case somethingOdd(Int) }

    @Test func socketChannelAndUnknownErrors() {
        #expect(ErrorWords.describe(IOError(errnoCode: ECONNREFUSED, reason: "connect")) == "connection refused (is the docker daemon running?)")
        #expect(ErrorWords.describe(ChannelError.ioOnClosedChannel) == "the connection was closed")
        #expect(ErrorWords.describe(ChannelError.connectTimeout(.seconds(1))) == "dial tcp: i/o timeout")
        #expect(ErrorWords.describe(CancellationError()) == "cancelled")
        #expect(ErrorWords.describe(Opaque.somethingOdd(1)) == "unexpected failure")
    }
}
