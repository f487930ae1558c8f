@testable import Shell
import Testing

/// The `exec -it` detach sequence: held while it may still complete, handed on when it does not.
@Suite struct RunDetachKeyTests {
    @Test func ordinaryBytesPassThrough() {
        var matcher = DetachKeyMatcher()
        let result = matcher.feed(Array("ls -l\r".utf8))
        #expect(result.forward == Array("ls -l\r".utf8))
        #expect(!result.detached)
    }

    @Test func ctrlPCtrlQDetachesAndKeepsWhatCameBefore() {
        var matcher = DetachKeyMatcher()
        let result = matcher.feed([0x61, 0x10, 0x11, 0x62])
        #expect(result.forward == [0x61])
        #expect(result.detached)
    }

    @Test func theSequenceMaySpanReads() {
        var matcher = DetachKeyMatcher()
        let first = matcher.feed([0x10])
        #expect(first.forward.isEmpty && !first.detached, "ctrl-p is held back")
        let second = matcher.feed([0x11])
        #expect(second.detached)
    }

    @Test func anIncompleteSequenceIsHandedOnWithTheNextByte() {
        var matcher = DetachKeyMatcher()
        #expect(matcher.feed([0x10]).forward.isEmpty)
        let result = matcher.feed([0x61])
        #expect(result.forward == [0x10, 0x61])
        #expect(!result.detached)
    }

    @Test func aRepeatedFirstKeyRestartsTheMatch() {
        var matcher = DetachKeyMatcher()
        let result = matcher.feed([0x10, 0x10, 0x11])
        #expect(result.forward == [0x10])
        #expect(result.detached)
    }

    @Test func dockerDetachKeySyntaxParses() {
        #expect(DetachKeyMatcher.parse("ctrl-p,ctrl-q") == [0x10, 0x11])
        #expect(DetachKeyMatcher.parse("a,ctrl-@,ctrl-[") == [0x61, 0, 27])
        #expect(DetachKeyMatcher.parse("ctrl-1") == nil)
        #expect(DetachKeyMatcher.parse("") == nil)
    }
}
