import Foundation
import Testing

/// Engines that break HTTP/1.1 framing while answering a short request (`images`): each costs the
/// host one clear line, memory stays bounded, and the real engine in the same command answers.
@Suite struct HostilePeerHTTPTests {
    /// A peak RSS this far above dmux's usual 20–40 MB means it held a hostile answer in memory.
    /// Under AddressSanitizer (scripts/sanitize) shadow memory and redzones add their own share,
    /// and its allocator varies from run to run: the half-sent 64 MB stdcopy frame measured 360 and
    /// 517 MB (84 MB without ASan); the other two 97 and 145 MB (39 and 100 without).
    static let memoryBoundKiB = (ProcessInfo.processInfo.environment["ASAN_OPTIONS"] == nil ? 200 : 768) * 1024

    @Test(arguments: [
        ("HTTP/1.1 OK\r\n\r\n", "malformed status line \"HTTP/1.1 OK\""),
        ("HTTP/1.1 2000 OK\r\n\r\n", "malformed status line"),
        ("SSH-2.0-OpenSSH_9.2\r\n\r\n", "malformed status line \"SSH-2.0-OpenSSH_9.2\""),
        ("HTTP/1.1 200 OK\r\nContent-Length 2\r\n\r\n[]", "malformed header line \"Content-Length 2\""),
        ("HTTP/1.1 200 OK\r\n folded: header\r\n\r\n", "malformed header line"),
        ("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n", "the engine closed the connection in the middle of a response"),
    ])
    func malformedHeadIsOneLine(head: String, message: String) async throws {
        let result = try await HostilePeer.with({ _, peer in
            try await peer.send(head)
            try peer.hangUp()
        }) { fake in try await HostilePeer.run("images", on: fake) }
        HostilePeer.expectOneFailure(result, containing: message)
        // A head that is wrong is malformed; one cut short is the engine hanging up.
        let cutShort = message.hasPrefix("the engine closed")
        #expect(HostilePeer.fakeErrors(result).first?.contains(cutShort ? message : "malformed HTTP response: ") == true, "\(result)")
    }

    /// 100 MB of one header line, written only as fast as dmux reads: dmux stops at 64 KiB.
    @Test func hundredMegabyteHeaderIsRefusedInBoundedMemory() async throws {
        let result = try await HostilePeer.with({ _, peer in
            try await peer.send("HTTP/1.1 200 OK\r\nX-Junk: ")
            try await peer.repeating(UInt8(ascii: "a"), count: 100 << 20)
            try await peer.send("\r\nContent-Length: 2\r\n\r\n[]")
        }) { fake in try await HostilePeer.run("images", on: fake) }
        HostilePeer.expectOneFailure(result, containing: "response header larger than 64 KiB")
        #expect(result.peakRSSKiB > 0 && result.peakRSSKiB < Self.memoryBoundKiB, "peak RSS \(result.peakRSSKiB) KiB")
    }

    /// A chunked body that never ends, for a request whose answer dmux keeps whole: refused at 64 MiB.
    @Test func endlessChunkedBodyStopsAtTheLimit() async throws {
        let chunk = String(repeating: " ", count: 32 * 1024)
        let result = try await HostilePeer.with({ _, peer in
            try await peer.send("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n1\r\n[\r\n")
            while true { try await peer.send("8000\r\n\(chunk)\r\n") }
        }) { fake in try await HostilePeer.run("images", on: fake) }
        HostilePeer.expectOneFailure(result, containing: "sent a response larger than 64 MiB")
        #expect(result.peakRSSKiB > 0 && result.peakRSSKiB < Self.memoryBoundKiB, "peak RSS \(result.peakRSSKiB) KiB")
    }

    /// Chunk sizes that lie about what follows, and lengths cut short by a hang-up.
    @Test(arguments: [
        ("Transfer-Encoding: chunked\r\n\r\n2\r\n[]]]]\r\n0\r\n\r\n", "chunk longer than its declared size"),
        ("Transfer-Encoding: chunked\r\n\r\nzz\r\n[]\r\n0\r\n\r\n", "malformed chunk size \"zz\""),
        ("Transfer-Encoding: chunked\r\n\r\n-2\r\n[]\r\n0\r\n\r\n", "malformed chunk size \"-2\""),
        ("Transfer-Encoding: chunked\r\n\r\nffffffffffffffff\r\n[]\r\n0\r\n\r\n", "malformed chunk size"),
        ("Transfer-Encoding: chunked\r\n\r\n\(String(repeating: "0", count: 2000))2\r\n[]\r\n0\r\n\r\n", "chunk size line too long"),
        ("Transfer-Encoding: chunked\r\n\r\n7fffffffffff\r\n[]", "the engine closed the connection in the middle of a response"),
        ("Content-Length: 100\r\n\r\n[]", "the engine closed the connection in the middle of a response"),
        ("Content-Length: -2\r\n\r\n[]", "malformed Content-Length \"-2\""),
        ("Content-Length: 2, 2\r\n\r\n[]", "malformed Content-Length \"2, 2\""),
        ("Content-Length: 2\r\n\r\n[]  trailing bytes", "__ok__"),
    ])
    func lyingLengths(rest: String, message: String) async throws {
        let result = try await HostilePeer.with({ _, peer in
            try await peer.send("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n" + rest)
            try peer.hangUp()
        }) { fake in try await HostilePeer.run("images", on: fake) }
        if message == "__ok__" {
            // Bytes past the announced length cost the connection's reuse, not the answer.
            #expect(result.status == 0, "\(result)")
            #expect(HostilePeer.fakeErrors(result).isEmpty, "\(result)")
        } else {
            HostilePeer.expectOneFailure(result, containing: message)
        }
    }

    /// One byte a second: the per-host timeout ends it, and the other host's answer is not held up.
    @Test func tricklingAnswerHitsThePerHostTimeout() async throws {
        let started = Date()
        let result = try await HostilePeer.with({ _, peer in
            for byte in "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n[]".utf8 {
                try await peer.send([byte])
                try await Task.sleep(for: .seconds(1))
            }
        }) { fake in try await HostilePeer.run("images", on: fake, options: ["--timeout", "2s"]) }
        HostilePeer.expectOneFailure(result, containing: "timed out after 2 s")
        #expect(Date().timeIntervalSince(started) < 8, "\(result)")
    }
}
