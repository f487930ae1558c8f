import Testing
@testable import DockerAPI

private func frame(_ stream: UInt8, _ text: String) -> [UInt8] {
    let payload = Array(text.utf8)
    let n = UInt32(payload.count)
    return [stream, 0, 0, 0, UInt8(n >> 24), UInt8(n >> 16 & 0xFF), UInt8(n >> 8 & 0xFF), UInt8(n & 0xFF)] + payload
}

@Suite struct StdcopyTests {
    let stream = frame(1, "out1\n") + frame(2, "err1\n") + frame(1, "") + frame(0, "in") + frame(1, "partial line, then more\nsecond\n")

    func expected() -> [StreamFrame] {
        [
            StreamFrame(stream: .stdout, payload: Array("out1\n".utf8)),
            StreamFrame(stream: .stderr, payload: Array("err1\n".utf8)),
            StreamFrame(stream: .stdout, payload: []),
            StreamFrame(stream: .stdin, payload: Array("in".utf8)),
            StreamFrame(stream: .stdout, payload: Array("partial line, then more\nsecond\n".utf8)),
        ]
    }

    @Test func referenceExampleBytes() throws {
        var d = StdcopyDemultiplexer()
        let bytes: [UInt8] = [1, 0, 0, 0, 0, 0, 0, 5] + Array("out1\n".utf8) + [2, 0, 0, 0, 0, 0, 0, 5] + Array("err1\n".utf8)
        let frames = try d.feed(bytes)
        #expect(frames.map(\.stream) == [.stdout, .stderr])
        try d.finish()
    }

    @Test func allInOneFeed() throws {
        var d = StdcopyDemultiplexer()
        #expect(try d.feed(stream) == expected())
        try d.finish()
    }

    @Test func byteByByte() throws {
        var d = StdcopyDemultiplexer()
        var frames: [StreamFrame] = []
        for b in stream { frames += try d.feed([b]) }
        #expect(frames == expected())
        try d.finish()
    }

    @Test func everySplitPoint() throws {
        for cut in 0...stream.count {
            var d = StdcopyDemultiplexer()
            var frames = try d.feed(stream[..<cut])
            frames += try d.feed(stream[cut...])
            #expect(frames == expected(), "cut at \(cut)")
            try d.finish()
        }
    }

    @Test func truncatedFrame() throws {
        var d = StdcopyDemultiplexer()
        let bytes = frame(1, "hello")
        _ = try d.feed(bytes.dropLast(2))
        #expect(d.bufferedByteCount == bytes.count - 2)
        #expect(throws: StreamDecodingError.self) { try d.finish() }
        var header = StdcopyDemultiplexer()
        _ = try header.feed([1, 0, 0])
        do {
            try header.finish()
            Issue.record("truncated header accepted")
        } catch {
            #expect(error.kind == .truncated)
        }
    }

    @Test func hugeDeclaredSize() {
        var d = StdcopyDemultiplexer(maximumFrameSize: 1024)
        do {
            _ = try d.feed([1, 0, 0, 0, 0, 0, 4, 1])
            Issue.record("oversized frame accepted")
        } catch {
            #expect(error.kind == .tooLarge)
        }
        var big = StdcopyDemultiplexer()
        #expect(throws: StreamDecodingError.self) { _ = try big.feed([2, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF]) }
    }

    @Test func invalidStreamByte() {
        var d = StdcopyDemultiplexer()
        // A TTY stream fed to the demultiplexer by mistake.
        do {
            _ = try d.feed(Array("ttyout\r\n".utf8))
            Issue.record("accepted non-multiplexed bytes")
        } catch {
            #expect(error.kind == .invalidStreamType)
        }
    }

    @Test func systemErrorAlone() {
        var d = StdcopyDemultiplexer()
        do {
            _ = try d.feed(frame(3, "oci runtime error"))
            Issue.record("systemerr not reported")
        } catch {
            #expect(error == StreamDecodingError(.daemonError, "oci runtime error"))
            #expect(error.description == "error from daemon in stream: oci runtime error")
        }
    }

    @Test func systemErrorAfterFramesKeepsThem() throws {
        var d = StdcopyDemultiplexer()
        let frames = try d.feed(frame(1, "last words\n") + frame(3, "boom") + frame(1, "never"))
        #expect(frames == [StreamFrame(stream: .stdout, payload: Array("last words\n".utf8))])
        do {
            try d.finish()
            Issue.record("deferred systemerr lost")
        } catch {
            #expect(error.kind == .daemonError)
            #expect(error.detail == "boom")
        }
    }
}

@Suite struct JSONStreamSplitterTests {
    static let values = [
        #"{"status":"pause","id":"3e50","Actor":{"ID":"3e50","Attributes":{"name":"web-c2"}},"time":1795978933}"#,
        #"{"stream":"brace } and { and ] [ inside","q":"quote \" and backslash \\"}"#,
        #"{"u":"héllo wörld ✓ 🐳","esc":"\\\"}\\","nested":[{"a":[1,2,{"b":"]"}]}]}"#,
        #"[1,"two",{"three":3}]"#,
        #""a top-level string with \"}\" inside""#,
        #"{}"#,
    ]

    var streamBytes: [UInt8] {
        Array(("\u{1E}" + Self.values.joined(separator: "\n") + "\n \t\r\n" + "\u{1E}{\"x\":1}").utf8)
    }

    var expected: [String] { Self.values + [#"{"x":1}"#] }

    @Test func wholeStream() throws {
        var s = JSONStreamSplitter()
        let out = try s.feed(streamBytes).map { String(decoding: $0, as: UTF8.self) }
        #expect(out == expected)
        #expect(try s.finish() == nil)
    }

    @Test func splitAtEveryByteOffset() throws {
        let bytes = streamBytes
        for cut in 0...bytes.count {
            var s = JSONStreamSplitter()
            var out = try s.feed(bytes[..<cut])
            out += try s.feed(bytes[cut...])
            #expect(out.map { String(decoding: $0, as: UTF8.self) } == expected, "cut at \(cut)")
            #expect(try s.finish() == nil)
        }
    }

    @Test func byteByByteAndThreeWaySplits() throws {
        let bytes = streamBytes
        var s = JSONStreamSplitter()
        var out: [[UInt8]] = []
        for b in bytes { out += try s.feed([b]) }
        #expect(out.map { String(decoding: $0, as: UTF8.self) } == expected)
        for a in stride(from: 0, to: bytes.count, by: 7) {
            for b in stride(from: a, to: bytes.count, by: 11) {
                var t = JSONStreamSplitter()
                let got = try t.feed(bytes[..<a]) + t.feed(bytes[a..<b]) + t.feed(bytes[b...])
                #expect(got.count == expected.count)
            }
        }
    }

    @Test func everyValueDecodes() throws {
        var s = JSONStreamSplitter()
        for value in try s.feed(streamBytes) {
            _ = try JSONSerialization.jsonObject(with: Data(value), options: [.fragmentsAllowed])
        }
    }

    @Test func scalarsNeedADelimiterOrFinish() throws {
        var s = JSONStreamSplitter()
        #expect(try s.feed(Array("12 true".utf8)).map { String(decoding: $0, as: UTF8.self) } == ["12"])
        #expect(try s.feed(Array("{\"a\":1}-3.5e2".utf8)).map { String(decoding: $0, as: UTF8.self) } == ["true", #"{"a":1}"#])
        #expect(try s.finish().map { String(decoding: $0, as: UTF8.self) } == "-3.5e2")
    }

    @Test func truncatedValue() throws {
        var s = JSONStreamSplitter()
        _ = try s.feed(Array(#"{"a":"unterminated"#.utf8))
        #expect(throws: StreamDecodingError.self) { _ = try s.finish() }
    }

    @Test func boundedValueSize() throws {
        var s = JSONStreamSplitter(maximumValueSize: 64)
        _ = try s.feed(Array(#"{"a":1}"#.utf8))
        do {
            _ = try s.feed(Array(("{\"big\":\"" + String(repeating: "x", count: 100) + "\"}").utf8))
            Issue.record("oversized value accepted")
        } catch {
            #expect(error.kind == .tooLarge)
        }
    }

    /// The value before the garbage is delivered (as Go's decoder does), the error comes next.
    @Test func garbageBetweenValues() throws {
        var s = JSONStreamSplitter()
        #expect(try s.feed(Array("{}}".utf8)) == [Array("{}".utf8)])
        #expect(throws: StreamDecodingError.self) { _ = try s.finish() }
        var t = JSONStreamSplitter()
        #expect(throws: StreamDecodingError.self) { _ = try t.feed(Array("}{}".utf8)) }
    }
}

import Foundation
