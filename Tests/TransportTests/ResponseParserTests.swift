import NIOCore
import Testing

@testable import Transport

@Suite struct ResponseParserTests {
    /// Feeds `text` cut at every offset and checks that the events always add up to the same response.
    private func parseSplitEverywhere(_ text: String, expectsBody: Bool = true) throws -> (ResponseHead, String, Bool) {
        let bytes = Array(text.utf8)
        var reference: (ResponseHead, String, Bool)?
        for cut in 0...bytes.count {
            var parser = ResponseParser(expectsBody: expectsBody)
            var events = try parser.feed(ByteBuffer(bytes: bytes[..<cut]))
            events += try parser.feed(ByteBuffer(bytes: bytes[cut...]))
            if !parser.isComplete { events += try parser.finish() }
            var head: ResponseHead?
            var body = ""
            var reusable: Bool?
            for event in events {
                switch event {
                case .head(let h): head = h
                case .body(let b): body += String(buffer: b)
                case .end(let r): reusable = r
                }
            }
            let result = try (#require(head), body, #require(reusable as Bool?))
            if let reference {
                #expect(result.0 == reference.0 && result.1 == reference.1 && result.2 == reference.2, "cut at \(cut)")
            } else {
                reference = result
            }
        }
        return reference!
    }

    @Test func contentLengthBody() throws {
        let (head, body, reusable) = try parseSplitEverywhere(
            "HTTP/1.1 200 OK\r\nApi-Version: 1.41\r\nContent-Length: 2\r\n\r\nOK")
        #expect(head.status == 200)
        #expect(head.headers.first("api-version") == "1.41")
        #expect(body == "OK")
        #expect(reusable)
    }

    @Test func chunkedBodyWithExtensionsAndTrailers() throws {
        let (_, body, reusable) = try parseSplitEverywhere(
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;x=y\r\nhello\r\n1\r\n \r\n5\r\nworld\r\n0\r\nX-Trailer: 1\r\n\r\n")
        #expect(body == "hello world")
        #expect(reusable)
    }

    @Test func headResponseHasNoBodyWhateverItsLength() throws {
        let (head, body, reusable) = try parseSplitEverywhere(
            "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n", expectsBody: false)
        #expect(head.status == 200 && body.isEmpty && reusable)
    }

    @Test func connectionCloseIsNotReusable() throws {
        let (_, body, reusable) = try parseSplitEverywhere(
            "HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 3\r\n\r\nnop")
        #expect(body == "nop" && !reusable)
    }

    @Test func upgradeKeepsBytesThatCameWithTheHead() throws {
        let (head, body, reusable) = try parseSplitEverywhere(
            "HTTP/1.1 101 UPGRADED\r\nContent-Type: application/vnd.docker.raw-stream\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n\u{1}\0\0\0\0\0\0\u{3}hi\n")
        #expect(head.status == 101)
        #expect(body == "\u{1}\0\0\0\0\0\0\u{3}hi\n")
        #expect(!reusable)
    }

    @Test func bodyWithoutLengthRunsToClose() throws {
        let (_, body, reusable) = try parseSplitEverywhere(
            "HTTP/1.1 200 OK\r\nContent-Type: application/vnd.docker.raw-stream\r\n\r\nraw stream")
        #expect(body == "raw stream" && !reusable)
    }

    @Test func continueIsSkipped() throws {
        let (head, body, _) = try parseSplitEverywhere(
            "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n")
        #expect(head.status == 204 && body.isEmpty)
    }

    @Test(arguments: [
        ("HTTP/1.1 2000 OK\r\n\r\n", "malformed status line"),
        ("SSH-2.0-OpenSSH_9.2\r\n\r\n", "malformed status line"),
        ("HTTP/1.1 200 OK\r\n folded\r\n\r\n", "malformed header line"),
        ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", "malformed chunk size"),
        ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nlonger\r\n", "chunk longer than its declared size"),
        ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nfffffffffffffffff\r\n", "malformed chunk size"),
        // Signs that Int(_:) accepts and Go's net/http refuses.
        ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n+2\r\n", "malformed chunk size \"+2\""),
        ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n-0\r\n", "malformed chunk size \"-0\""),
        ("HTTP/1.1 200 OK\r\nContent-Length: +2\r\n\r\n", "malformed Content-Length \"+2\""),
        ("HTTP/1.1 200 OK\r\nContent-Length: 99999999999999999999\r\n\r\n", "malformed Content-Length"),
    ])
    func malformedResponsesAreNamed(text: String, words: String) {
        var parser = ResponseParser(expectsBody: true)
        #expect {
            _ = try parser.feed(ByteBuffer(string: text))
        } throws: { error in
            "\(error)".contains(words)
        }
    }

    @Test func bytesAfterTheEndSpoilOnlyReuse() throws {
        var parser = ResponseParser(expectsBody: false)
        let events = try parser.feed(ByteBuffer(string: "HTTP/1.0 400 Bad Request\r\n\r\nClient sent an HTTP request to an HTTPS server.\n"))
        #expect(events.count == 2)
        #expect(parser.isComplete && parser.sentTrailingBytes)
    }

    @Test func hugeHeaderIsRefusedWithoutGrowingBeyondTheLimit() throws {
        var parser = ResponseParser(expectsBody: true, maxHeadBytes: 1024)
        _ = try parser.feed(ByteBuffer(string: "HTTP/1.1 200 OK\r\nX: "))
        #expect(throws: HTTPParseError.self) {
            for _ in 0..<100 { _ = try parser.feed(ByteBuffer(repeating: UInt8(ascii: "a"), count: 100)) }
        }
    }

    @Test func truncatedBodyIsAnErrorAtClose() throws {
        var parser = ResponseParser(expectsBody: true)
        _ = try parser.feed(ByteBuffer(string: "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc"))
        #expect { _ = try parser.finish() } throws: { "\($0)".contains("in the middle of a response") }
    }

    @Test func bodyPiecesAreSlicesNotCopies() throws {
        var parser = ResponseParser(expectsBody: true)
        var input = ByteBuffer(string: "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\n")
        _ = try parser.feed(input)
        input = ByteBuffer(string: "body")
        let events = try parser.feed(input)
        guard case .body(let piece) = events.first else { Issue.record("no body"); return }
        let same = piece.withUnsafeReadableBytes { a in input.withUnsafeReadableBytes { b in a.baseAddress == b.baseAddress } }
        #expect(same)
    }
}

/// A body streamed after the head is announced as chunked, never with a length.
@Suite struct StreamedRequestHeadTests {
    @Test func aStreamedBodyIsChunked() {
        var buffer = ByteBuffer()
        HTTPRequest(method: "POST", target: "/v1.41/images/load?quiet=1", streamsBody: true).encode(hostHeader: "docker", into: &buffer)
        let text = String(buffer: buffer)
        #expect(text.hasSuffix("Transfer-Encoding: chunked\r\n\r\n"))
        #expect(!text.contains("Content-Length"))
    }
}
