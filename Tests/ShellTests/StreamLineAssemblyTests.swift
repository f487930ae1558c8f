import DockerAPI
import Testing
@testable import Shell

/// `logs` line assembly: frames that cut lines anywhere become whole lines per stream, and lines
/// of different hosts written through one presenter never mix inside a line.
@Suite struct StreamLineAssemblyTests {
    static func frame(_ stream: UInt8, _ text: String) -> [UInt8] {
        let payload = Array(text.utf8)
        let size = UInt32(payload.count)
        return [stream, 0, 0, 0, UInt8(size >> 24), UInt8(size >> 16 & 0xff), UInt8(size >> 8 & 0xff), UInt8(size & 0xff)] + payload
    }

    /// Feeds `bytes` in pieces of `size` and collects everything, the finish included.
    static func assemble(_ bytes: [UInt8], tty: Bool, pieces size: Int) throws -> [OutputLineAssembler.Line] {
        var assembler = OutputLineAssembler(tty: tty)
        var lines: [OutputLineAssembler.Line] = []
        var offset = 0
        while offset < bytes.count {
            lines += try assembler.feed(bytes[offset..<min(offset + size, bytes.count)])
            offset += size
        }
        let (rest, error) = assembler.finish()
        if let error { throw error }
        return lines + rest
    }

    static let multiplexed = frame(1, "hel") + frame(1, "lo\nwor") + frame(2, "err1\n") + frame(1, "ld\nlast")
        + frame(2, "err-no-newline")

    @Test(arguments: [1, 3, 7, 64])
    func framesBecomeWholeLinesPerStream(pieceSize: Int) throws {
        let lines = try Self.assemble(Self.multiplexed, tty: false, pieces: pieceSize)
        #expect(lines == [
            .init(stderr: false, text: "hello"), .init(stderr: true, text: "err1"), .init(stderr: false, text: "world"),
            // The partial last lines are flushed at the end of the stream.
            .init(stderr: false, text: "last"), .init(stderr: true, text: "err-no-newline"),
        ])
    }

    @Test func ttyStreamIsRawWithItsCarriageReturnsRemoved() throws {
        let bytes = Array("ttyout\r\nttyerr\r\npartial\r".utf8)
        for size in [1, 7, 100] {
            let lines = try Self.assemble(bytes, tty: true, pieces: size)
            #expect(lines.map(\.text) == ["ttyout", "ttyerr", "partial"])
            #expect(lines.allSatisfy { !$0.stderr })
        }
    }

    @Test func aCutFrameIsReportedAfterTheLinesBeforeIt() throws {
        var assembler = OutputLineAssembler(tty: false)
        let cut = Self.frame(1, "ok\nhalf") + Array(Self.frame(1, "more").prefix(6))
        let lines = try assembler.feed(cut)
        let (rest, error) = assembler.finish()
        #expect(lines.map(\.text) == ["ok"])
        #expect(rest.map(\.text) == ["half"])
        #expect(error?.kind == .truncated)
    }

    @Test func linesOfTwoHostsNeverInterleaveInsideALine() throws {
        let console = CapturingConsole()
        let presenter = Presenter(shape: .lines, console: console, hosts: ["h1", "host2"])
        var first = OutputLineAssembler(tty: false)
        var second = OutputLineAssembler(tty: true)
        let one = (0..<20).flatMap { Self.frame(1, "one line \($0) of h1\n") }
        let two = Array((0..<20).map { "host2 says \($0)\r\n" }.joined().utf8)
        // Alternate small pieces of both hosts, as two connections deliver them.
        var a = 0, b = 0
        while a < one.count || b < two.count {
            for line in try first.feed(one[min(a, one.count)..<min(a + 5, one.count)]) {
                presenter.line(host: "h1", text: line.text, stderr: line.stderr)
            }
            for line in try second.feed(two[min(b, two.count)..<min(b + 3, two.count)]) {
                presenter.line(host: "host2", text: line.text, stderr: line.stderr)
            }
            a += 5
            b += 3
        }
        let output = console.output.split(separator: "\n").map(String.init)
        #expect(output.count == 40)
        #expect(output.filter { $0.hasPrefix("h1    | ") } == (0..<20).map { "h1    | one line \($0) of h1" })
        #expect(output.filter { $0.hasPrefix("host2 | ") } == (0..<20).map { "host2 | host2 says \($0)" })
    }
}
