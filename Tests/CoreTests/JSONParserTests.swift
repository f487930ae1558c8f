import Testing
import Core

/// The parser reads whatever an engine sends: every escape, paired or not, must give a value or a
/// `JSONSyntaxError`, never a trap.
@Suite struct JSONParserTests {
    private func string(_ json: String) throws -> String? {
        guard case .string(let text) = try JSONParser.parse(Array(json.utf8)) else { return nil }
        return text
    }

    @Test func surrogatePairJoins() throws {
        #expect(try string(#""\ud83d\ude00""#) == "\u{1F600}")
        #expect(try string(#""\uD83D\uDE00x""#) == "\u{1F600}x")
    }

    /// `"\ud800\u0041"` trapped on UInt32 underflow; Go's encoding/json reads it as U+FFFD, "A".
    @Test func highSurrogateBeforeAnotherEscapeBecomesReplacement() throws {
        #expect(try string(#""\ud800\u0041""#) == "\u{FFFD}A")
        #expect(try string(#""\udbff\u0000""#) == "\u{FFFD}\u{0}")
        #expect(try string(#""\ud800\ud800\udc00""#) == "\u{FFFD}\u{10000}")
        #expect(try string(#""\ud800\ud800""#) == "\u{FFFD}\u{FFFD}")
        #expect(try string(#""\ud800\uffff""#) == "\u{FFFD}\u{FFFF}")
    }

    @Test func loneSurrogatesAnywhereBecomeReplacement() throws {
        #expect(try string(#""\ud800""#) == "\u{FFFD}")
        #expect(try string(#""a\udc00b""#) == "a\u{FFFD}b")
        #expect(try string(#""\ud800\n""#) == "\u{FFFD}\n")
        #expect(try string(#""\udc00\ud800""#) == "\u{FFFD}\u{FFFD}")
        guard case .object(let members) = try JSONParser.parse(Array(#"{"\udfff":"\ud800x"}"#.utf8)) else {
            Issue.record("not an object"); return
        }
        #expect(members.map(\.0) == ["\u{FFFD}"])
        #expect(members.first?.1 == .string("\u{FFFD}x"))
    }

    @Test func malformedEscapesAreSyntaxErrors() {
        for json in [#""\u12""#, #""\u+041""#, #""\u-041""#, #""\ud800\u12""#, #""\ud800\uzzzz""#, #""\u"#] {
            #expect(throws: JSONSyntaxError.self, "\(json)") { try JSONParser.parse(Array(json.utf8)) }
        }
    }

    /// Go's encoding/json takes RFC 8259 numbers only; `Double(_:)` alone took `+1`, `01`, `1.`,
    /// `.5`, `0x10` and `inf`.
    @Test func numbersFollowTheJSONGrammar() throws {
        for json in ["0", "-0", "12", "-12.5", "1e300", "1E+3", "2.5e-3"] {
            #expect(try JSONParser.parse(Array(json.utf8)) == .number(json))
        }
        for json in ["+1", "01", "1.", ".5", "0x10", "inf", "-", "1e", "1e+", "--1", "1.e3"] {
            #expect(throws: JSONSyntaxError.self, "\(json)") { try JSONParser.parse(Array(json.utf8)) }
        }
    }

    @Test func keyOrderSurvivesARoundTrip() throws {
        let text = #"{"z":1,"a":[true,null,"x<y"],"m":{}}"#
        #expect(try JSONParser.parse(Array(text.utf8)).compact == text)
    }
}
