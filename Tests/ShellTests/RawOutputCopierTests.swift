import DockerAPI
import Testing
@testable import Shell

/// One host's container output is docker's bytes: writes as they come, nothing added or dropped,
/// and a character cut between two writes still whole.
@Suite struct RawOutputCopierTests {
    static func copy(_ bytes: [UInt8], tty: Bool, pieces size: Int) throws -> (stdout: String, stderr: String) {
        var copier = RawOutputCopier(tty: tty)
        var out = "", err = ""
        var offset = 0
        func take(_ pieces: [RawOutputCopier.Piece]) {
            for piece in pieces { if piece.stderr { err += piece.text } else { out += piece.text } }
        }
        while offset < bytes.count {
            take(try copier.feed(bytes[offset..<min(offset + size, bytes.count)]))
            offset += size
        }
        let (rest, error) = copier.finish()
        if let error { throw error }
        take(rest)
        return (out, err)
    }

    @Test(arguments: [1, 2, 3, 7, 1000])
    func framesKeepTheirBytesAndStreams(pieces: Int) throws {
        let bytes = StreamLineAssemblyTests.frame(1, "x\r\ny") + StreamLineAssemblyTests.frame(2, "é") + StreamLineAssemblyTests.frame(1, "")
            + StreamLineAssemblyTests.frame(1, "€ no newline")
        let copied = try Self.copy(bytes, tty: false, pieces: pieces)
        #expect(copied.stdout == "x\r\ny€ no newline" && copied.stderr == "é")
    }

    @Test(arguments: [1, 2, 5])
    func ttyIsOneStreamAsItCame(pieces: Int) throws {
        let copied = try Self.copy(Array("a\r\n€b".utf8), tty: true, pieces: pieces)
        #expect(copied.stdout == "a\r\n€b" && copied.stderr == "")
    }

    @Test func incompleteSuffixes() {
        #expect(RawOutputCopier.incompleteSuffixLength([]) == 0)
        #expect(RawOutputCopier.incompleteSuffixLength(Array("ab".utf8)) == 0)
        #expect(RawOutputCopier.incompleteSuffixLength(Array("a€".utf8)) == 0)
        #expect(RawOutputCopier.incompleteSuffixLength(Array(Array("a€".utf8).dropLast())) == 2)
        #expect(RawOutputCopier.incompleteSuffixLength(Array(Array("a€".utf8).dropLast(2))) == 1)
        #expect(RawOutputCopier.incompleteSuffixLength([0xF0, 0x9F, 0x98]) == 3)
    }

    /// A stream cut inside a character ends with what arrived, decoded as it is.
    @Test func aCutCharacterIsWrittenAtTheEnd() throws {
        let copied = try Self.copy(Array(Array("ok€".utf8).dropLast()), tty: true, pieces: 10)
        #expect(copied.stdout.hasPrefix("ok") && copied.stdout.count == 3)
    }
}
