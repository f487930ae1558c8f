import Foundation
import LineEditor
import Testing
#if canImport(Glibc)
import Glibc
#endif

@Suite struct ScriptedLineSourceTests {
    @Test func replaysLinesThenEndOfInputForever() async {
        let source = ScriptedLineSource(lines: ["ps", "", "images"])
        #expect(await source.next(prompt: "a> ") == .line("ps"))
        #expect(await source.next(prompt: "b> ") == .line(""))
        #expect(await source.next(prompt: "c> ") == .line("images"))
        #expect(await source.next(prompt: "d> ") == .endOfInput)
        #expect(await source.next(prompt: "e> ") == .endOfInput)
        #expect(source.prompts == ["a> ", "b> ", "c> ", "d> ", "e> "])
    }

    @Test func replaysInterrupts() async {
        let source = ScriptedLineSource(events: [.line("logs -f x"), .interrupt, .line("ps")])
        #expect(await source.next(prompt: "") == .line("logs -f x"))
        #expect(await source.next(prompt: "") == .interrupt)
        #expect(await source.next(prompt: "") == .line("ps"))
        #expect(await source.next(prompt: "") == .endOfInput)
    }
}

/// Feeds `bytes` through a real pipe (written by another thread, so large inputs do not
/// dead-lock on the pipe buffer) and collects every event up to and including `.endOfInput`.
private func events(from bytes: [UInt8], chunk: Int = 4096) async -> [LineEvent] {
    var fds: [Int32] = [0, 0]
    #expect(pipe(&fds) == 0)
    let (readEnd, writeEnd) = (fds[0], fds[1])
    let writer = Thread {
        var offset = 0
        while offset < bytes.count {
            let n = min(chunk, bytes.count - offset)
            let written = bytes[offset..<(offset + n)].withUnsafeBytes { write(writeEnd, $0.baseAddress, n) }
            if written <= 0 { break }
            offset += written
        }
        close(writeEnd)
    }
    writer.start()
    let source = StreamLineSource(fileDescriptor: readEnd)
    var result: [LineEvent] = []
    while true {
        let event = await source.next(prompt: "ignored> ")
        result.append(event)
        if event == .endOfInput || result.count > 10_000 { break }
    }
    #expect(await source.next(prompt: "") == .endOfInput)
    close(readEnd)
    return result
}

@Suite struct StreamLineSourceTests {
    @Test func splitsLfAndCrLf() async {
        let got = await events(from: Array("ps\r\nimages\n\r\nhosts\n".utf8))
        #expect(got == [.line("ps"), .line("images"), .line(""), .line("hosts"), .endOfInput])
    }

    @Test func keepsFinalLineWithoutNewline() async {
        #expect(await events(from: Array("ps\nimages".utf8)) == [.line("ps"), .line("images"), .endOfInput])
        #expect(await events(from: Array("ps\r".utf8)) == [.line("ps"), .endOfInput])
    }

    @Test func emptyInputIsEndOfInput() async {
        #expect(await events(from: []) == [.endOfInput])
    }

    @Test func linesSplitAcrossTinyWrites() async {
        let got = await events(from: Array("docker ps -a\r\nimages\n".utf8), chunk: 1)
        #expect(got == [.line("docker ps -a"), .line("images"), .endOfInput])
    }

    @Test func handlesOneMegabyteLine() async {
        let big = String(repeating: "0123456789abcdef", count: 80_000)  // 1.28 MB
        let got = await events(from: Array("a\n\(big)\r\nb\n".utf8), chunk: 65_536)
        #expect(got.count == 4)
        #expect(got.first == .line("a"))
        if case .line(let line)? = got.dropFirst().first {
            #expect(line.utf8.count == big.utf8.count)
            #expect(line == big)
        } else {
            Issue.record("expected the long line, got \(got.dropFirst().first.map(String.init(describing:)) ?? "nothing")")
        }
        #expect(got.suffix(2) == [.line("b"), .endOfInput])
    }

    @Test func keepsNulBytes() async {
        let got = await events(from: [0x61, 0x00, 0x62, 0x0A, 0x00, 0x0A])
        #expect(got == [.line("a\u{0}b"), .line("\u{0}"), .endOfInput])
    }

    @Test func decodesInvalidUtf8Lossily() async {
        // A lone continuation byte, a truncated 3-byte sequence, then valid "é" and "日".
        let bytes: [UInt8] = [0x78, 0x80, 0x79, 0x0A, 0xE6, 0x97, 0x0A] + Array("é日\n".utf8)
        let got = await events(from: bytes)
        #expect(got == [.line("x\u{FFFD}y"), .line("\u{FFFD}"), .line("é日"), .endOfInput])
    }

    @Test func manyShortLines() async {
        let lines = (0..<5_000).map { "line \($0)" }
        let got = await events(from: Array((lines.joined(separator: "\n") + "\n").utf8), chunk: 10_000)
        #expect(got == lines.map(LineEvent.line) + [.endOfInput])
    }
}
