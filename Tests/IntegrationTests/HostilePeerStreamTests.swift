import Foundation
import Testing

/// Engines that break the streams inside a well-formed response: stdcopy frames with impossible
/// or cut-off lengths (`logs`), and a hijack (`101`) that never sends a byte (`exec`).
@Suite struct HostilePeerStreamTests {
    /// One stdcopy frame header: stream id, three zero bytes, the size big-endian.
    static func frameHeader(stream: UInt8 = 1, size: UInt32) -> [UInt8] {
        [stream, 0, 0, 0, UInt8(size >> 24), UInt8(size >> 16 & 0xff), UInt8(size >> 8 & 0xff), UInt8(size & 0xff)]
    }

    static func frame(_ text: String, stream: UInt8 = 1) -> [UInt8] {
        frameHeader(stream: stream, size: UInt32(text.utf8.count)) + Array(text.utf8)
    }

    static let inspect = #"{"Id":"f00d","Name":"/x","Config":{"Tty":false},"State":{"Status":"running","Running":true}}"#

    /// Answers inspect like an engine, then a logs body of `bytes` (one chunk) and `tail` (raw).
    static func logsEngine(_ bytes: [UInt8], tail: String = "0\r\n\r\n") -> FakeEngine.Script {
        { request, peer in
            if request.route.hasSuffix("/json") {
                try await peer.reply(json: inspect)
                return
            }
            try await peer.send("HTTP/1.1 200 OK\r\nContent-Type: application/vnd.docker.raw-stream\r\nTransfer-Encoding: chunked\r\n\r\n")
            try await peer.send(String(bytes.count, radix: 16) + "\r\n")
            try await peer.send(bytes)
            try await peer.send("\r\n" + tail)
            try await peer.stall()
        }
    }

    /// A container on unix1 that has printed one line, so unix1's part of `logs` is a real answer.
    static func withLoggingContainer<T>(_ body: (String) async throws -> T) async throws -> T {
        let name = FleetDocker.uniqueName("t-hostile")
        defer { FleetDocker.removeEverywhere(name) }
        try FleetDocker.run(try Fleet.unix1, ["run", "--network", "none", "--name", name, Fleet.image, "echo", "hello from unix1"])
        return try await body(name)
    }

    /// Frames no engine should send, after one good frame, and what dmux says about each.
    static let badFrames: [([UInt8], String)] = [
        (frameHeader(size: 0xFFFF_FFFF), "stream record too large: frame of 4294967295 bytes exceeds 67108864"),
        (frameHeader(size: 100) + Array("only ten b".utf8), "stream ended unexpectedly: 18 bytes of an incomplete multiplexed frame"),
        (frameHeader(stream: 7, size: 4) + Array("junk".utf8), "unrecognized stream in multiplexed output: stream id 7"),
        (frame("boom boom", stream: 3), "error from daemon in stream: boom boom"),
    ]

    @Test(arguments: badFrames)
    func badFramesEndTheHostsLogsAfterTheGoodOnes(bad: [UInt8], message: String) async throws {
        let result = try await Self.withLoggingContainer { name in
            try await HostilePeer.with(Self.logsEngine(Self.frame("hello from fake\n") + bad)) { fake in
                try await HostilePeer.run("logs \(name)", on: fake)
            }
        }
        #expect(result.lines.contains { $0.hasPrefix("fake ") && $0.hasSuffix("| hello from fake") }, "\(result)")
        #expect(result.lines.contains { $0.hasPrefix("unix1 ") && $0.hasSuffix("| hello from unix1") }, "\(result)")
        let errors = HostilePeer.fakeErrors(result)
        #expect(errors.count == 1, "\(result)")
        #expect(errors.first?.contains(message) == true, "\(result)")
        #expect(result.status == 1, "\(result)")
    }

    /// A frame announcing almost the maximum size whose payload stops half-way: the host's logs end
    /// with an error when the engine hangs up, and the partial frame costs bounded memory.
    @Test func hugeFrameCutShortCostsBoundedMemory() async throws {
        let size = 64 << 20 - 1
        let result = try await Self.withLoggingContainer { name in
            try await HostilePeer.with({ request, peer in
                if request.route.hasSuffix("/json") { return try await peer.reply(json: Self.inspect) }
                try await peer.send("HTTP/1.1 200 OK\r\nContent-Type: application/vnd.docker.raw-stream\r\nContent-Length: \(size + 8)\r\n\r\n")
                try await peer.send(Self.frameHeader(size: UInt32(size)))
                try await peer.repeating(UInt8(ascii: "x"), count: size / 2)
                try peer.hangUp()
            }) { fake in try await HostilePeer.run("logs \(name)", on: fake) }
        }
        let errors = HostilePeer.fakeErrors(result)
        #expect(errors.count == 1, "\(result)")
        #expect(errors.first?.contains("the engine closed the connection in the middle of a response") == true, "\(result)")
        #expect(result.lines.contains { $0.hasPrefix("unix1 ") && $0.hasSuffix("| hello from unix1") }, "\(result)")
        #expect(result.peakRSSKiB > 0 && result.peakRSSKiB < HostilePeerHTTPTests.memoryBoundKiB, "peak RSS \(result.peakRSSKiB) KiB")
    }

    /// Two good events and junk in one chunk: both events are shown (in time order with unix1's),
    /// then the host's one error; the bytes' split on the wire does not decide what is lost.
    @Test func eventsBeforeJunkAreKept() async throws {
        let name = FleetDocker.uniqueName("t-hostile")
        defer { FleetDocker.removeEverywhere(name) }
        let since = Int(Date().timeIntervalSince1970) - 1
        try FleetDocker.run(try Fleet.unix1, ["create", "--network", "none", "--name", name, Fleet.image, "true"])
        let until = Int(Date().timeIntervalSince1970) + 1
        let events = ["create", "start"].map { action in
            #"{"Type":"container","Action":"\#(action)","Actor":{"ID":"f00d","Attributes":{"name":"\#(name)"}},"#
                + #""time":\#(since),"timeNano":\#(since)000000000}"#
        }
        let body = Array((events.joined(separator: "\n") + "\n}").utf8)
        let result = try await HostilePeer.with({ _, peer in
            try await peer.send("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
            try await peer.send(String(body.count, radix: 16) + "\r\n")
            try await peer.send(body)
            try await peer.send("\r\n0\r\n\r\n")
        }) { fake in try await HostilePeer.run("events --since \(since) --until \(until) --filter container=\(name)", on: fake) }
        let shown = result.lines.compactMap { line -> String? in
            let words = line.split(separator: " ")
            return words.count > 4 && line.contains("name=\(name)") ? "\(words[0]) \(words[4])" : nil
        }
        #expect(shown == ["fake create", "fake start", "unix1 create"], "\(result)")
        let errors = HostilePeer.fakeErrors(result)
        #expect(errors.count == 1, "\(result)")
        #expect(errors.first?.contains("invalid JSON in stream: unexpected byte 0x7d between values") == true, "\(result)")
    }

    /// `exec` whose hijacked stream stays silent forever on one host: the other host's output and
    /// exit arrive, and Ctrl-C ends the command at once (a stream has no per-host timeout).
    @Test func silentHijackIsInterruptible() async throws {
        let name = FleetDocker.uniqueName("t-hostile")
        defer { FleetDocker.removeEverywhere(name) }
        try FleetDocker.run(try Fleet.unix1, ["run", "-d", "--network", "none", "--name", name, Fleet.image, "sleep", "300"])
        let script: FakeEngine.Script = { request, peer in
            if request.route.hasSuffix("/exec") { return try await peer.reply("201 Created", json: #"{"Id":"fake-exec"}"#) }
            try await peer.send("HTTP/1.1 101 UPGRADED\r\nContent-Type: application/vnd.docker.raw-stream\r\n"
                + "Connection: Upgrade\r\nUpgrade: tcp\r\n\r\n")
            try await peer.stall()
        }
        var lines: [String] = []
        try await HostilePeer.with(script) { fake in
            let dmux = try RunningDmux(["-H", "fake=\(fake.url)", "-H", "unix1=\(try Fleet.unix1)", "-c", "exec \(name) echo hi"])
            try await Task.sleep(for: .seconds(3))
            #expect(dmux.isRunning, "exec ended although the fake host never answered")
            #expect(fake.requests.contains("POST /exec/fake-exec/start"), "\(fake.requests)")
            let (status, took) = dmux.interrupt(within: 5)
            #expect(took < 2, "exec took too long to stop")
            #expect(status == 130)
            lines = dmux.stdout()
        }
        #expect(lines.contains("unix1 | hi"), "\(lines)")
    }
}
