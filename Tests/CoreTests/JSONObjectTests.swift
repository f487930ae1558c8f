import Testing
import Core

/// `JSONObject` reads docker's and docker-machine's files as Go fills a struct from them.
@Suite struct JSONObjectTests {
    private func object(_ text: String) throws -> JSONObject { try JSONObject.parse(Array(text.utf8)) }

    @Test func fieldsMatchExactlyThenIgnoringCase() throws {
        let config = try object(#"{"name":"lower","Driver":{"url":"tcp://a:1"},"NAME":"upper","Name":"exact"}"#)
        #expect(config.string("Name") == "exact")
        #expect(config.object("driver")?.string("URL") == "tcp://a:1")
        // Go assigns members in order, so of two case-folded matches the later one stays.
        #expect(try object(#"{"name":"first","NAME":"second"}"#).string("Name") == "second")
    }

    @Test func mapKeysMatchExactlyOnly() throws {
        let meta = try object(#"{"Endpoints":{"Docker":{"Host":"x"}}}"#)
        #expect(meta.object("endpoints")?.exactObject("docker") == nil)
        #expect(meta.object("endpoints")?.exactObject("Docker")?.string("Host") == "x")
    }

    @Test func typedReadersRefuseOtherKinds() throws {
        let config = try object(#"{"Port":2376,"Half":1.5,"Big":1e300,"On":true,"SANs":["a","b"],"Mixed":["a",1]}"#)
        #expect(config.int("Port") == 2376)
        #expect(config.int("Half") == nil)
        #expect(config.int("Big") == nil)
        #expect(config.string("Port") == nil)
        #expect(config.bool("On") == true)
        #expect(config.strings("SANs") == ["a", "b"])
        #expect(config.strings("Mixed") == nil)
        #expect(config["Big"]?.shortDescription == "1e+300")
        #expect(config["Port"]?.shortDescription == "2376")
    }

    @Test func badFilesSayWhy() {
        func reason(_ text: String) -> String {
            do throws(JSONObject.ParseError) { _ = try JSONObject.parse(Array(text.utf8)); return "parsed" } catch { return error.description }
        }
        #expect(reason(" \n") == "malformed JSON: file is empty")
        #expect(reason(#"{"Name":"trunc"#) == "malformed JSON: unexpected end of data (truncated file?)")
        #expect(reason("[1]") == "malformed JSON: top level is not an object")
        #expect(reason(#"{"a":01}"#).hasPrefix("malformed JSON: invalid JSON at byte "))
    }
}
