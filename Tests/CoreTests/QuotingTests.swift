import Testing
import Core

/// Each quoting rule Core keeps, by the reader it is written for.
@Suite struct QuotingTests {
    @Test func goJSONIsHTMLSafeUnlessAskedNotToBe() {
        #expect(GoJSON.quote("a<b>&\"\\\n\u{1}\u{2028}") == #""a\u003cb\u003e\u0026\"\\\n\u0001\u2028""#)
        #expect(GoJSON.quote("a<b>&", htmlSafe: false) == #""a<b>&""#)
        let object = JSONValue.object([("Username", .string("u")), ("Secret", .string("s<")), ("On", .bool(true)), ("Gone", .null)])
        #expect(object.compact(escapingHTML: true) == #"{"Username":"u","Secret":"s\u003c","On":true,"Gone":null}"#)
        #expect(object.compact == #"{"Username":"u","Secret":"s<","On":true,"Gone":null}"#)
    }

    @Test func strconvQuoteWritesGoEscapes() {
        #expect(GoStrconv.quote("/a \"b\"\\c\td\u{1}\u{7}\u{7F}é") == #""/a \"b\"\\c\td\x01\a\x7fé""#)
    }

    @Test func posixShellWordsAreQuotedUnlessPlainASCII() {
        #expect(ShellWord.quotedForPOSIXShell("unix:///run/docker.sock") == "unix:///run/docker.sock")
        #expect(ShellWord.quotedForPOSIXShell("it's") == #"'it'\''s'"#)
        #expect(ShellWord.quotedForPOSIXShell("$(reboot)") == "'$(reboot)'")
        #expect(ShellWord.quotedForPOSIXShell("*") == "'*'")
        #expect(ShellWord.quotedForPOSIXShell("é") == "'é'")
        #expect(ShellWord.quotedForPOSIXShell("") == "''")
        // A quote with a combining mark is one Character but still a quote to the shell.
        #expect(ShellWord.quotedForPOSIXShell("'\u{301}") == "''\\''\u{301}'")
    }

    @Test func dmuxWordsKeepLettersOfAnyScriptAndGlobsBare() {
        #expect(ShellWord.quotedForDmux("web*") == "web*")
        #expect(ShellWord.quotedForDmux("!docker") == "!docker")
        #expect(ShellWord.quotedForDmux("é1") == "é1")
        #expect(ShellWord.quotedForDmux("a b") == "'a b'")
        #expect(ShellWord.quotedForDmux("") == "''")
    }

    @Test func controlCharactersAreEscapedAsGoShowsThem() {
        #expect("a\nb\t\u{1b}[31m\u{9b}".escapingControlCharacters == #"a\nb\t\x1b[31m\u009b"#)
        #expect("plain".escapingControlCharacters == "plain")
    }
}
