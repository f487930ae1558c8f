import Testing
import Core

/// Logs, TTY output and child processes' output become whole lines, bounded in memory.
@Suite struct LineSplitterTests {
    @Test func linesAcrossFeeds() {
        var l = LineSplitter()
        var lines = l.feed(Array("one\r".utf8))
        lines += l.feed(Array("\ntwo\nthr".utf8))
        lines += l.feed(Array("ee\r\n\nfour".utf8))
        #expect(lines.map { String(decoding: $0, as: UTF8.self) } == ["one", "two", "three", ""])
        #expect(l.finish().map { String(decoding: $0, as: UTF8.self) } == "four")
        #expect(l.finish() == nil)
    }

    @Test func boundedPartial() {
        var l = LineSplitter(maximumLineLength: 4)
        let lines = l.feed(Array("abcdefghij\nxy".utf8))
        #expect(lines.map { String(decoding: $0, as: UTF8.self) } == ["abcd", "efgh", "ij"])
        #expect(l.pendingByteCount == 2)
    }

    @Test func carriageReturnInsideLineKept() {
        var l = LineSplitter()
        #expect(l.feed(Array("a\rb\n".utf8)) == [Array("a\rb".utf8)])
    }

    @Test func unboundedSplitterKeepsALongLineWhole() {
        var l = LineSplitter(maximumLineLength: .max)
        let long = [UInt8](repeating: UInt8(ascii: "x"), count: 3 << 20)
        #expect(l.feed(long).isEmpty)
        #expect(l.feed(Array("\n".utf8)) == [long])
    }
}
