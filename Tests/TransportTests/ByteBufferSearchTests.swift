import NIOCore
import Testing

@testable import Transport

@Suite struct ByteBufferSearchTests {
    private func offset(of pattern: String, in text: String, skipping skip: Int = 0) -> Int? {
        var buffer = ByteBuffer(string: text)
        buffer.moveReaderIndex(forwardBy: skip)
        return buffer.readableOffset(of: Array(pattern.utf8))
    }

    @Test func findsTheFirstWholeMatchRelativeToTheReaderIndex() {
        #expect(offset(of: "\r\n", in: "\r\nrest") == 0)
        #expect(offset(of: "\r\n", in: "1c\r\n") == 2)
        #expect(offset(of: "\r\n", in: "a\rb\r\r\nc\r\n") == 4)  // lone \r and \r\r are not the pattern
        #expect(offset(of: "\r\n", in: "x\r\ny\r\n", skipping: 3) == 1)
        #expect(offset(of: "\r\n\r\n", in: "HTTP/1.1 200 OK\r\nA: b\r\n\r\nbody") == 21)
    }

    @Test func noMatchWhenThePatternIsCutOffOrAbsent() {
        #expect(offset(of: "\r\n", in: "") == nil)
        #expect(offset(of: "\r\n", in: "abc\r") == nil)
        #expect(offset(of: "\r\n\r\n", in: "\r\n\r") == nil)
        #expect(offset(of: "\r\n", in: "\r\n", skipping: 1) == nil)
    }
}
