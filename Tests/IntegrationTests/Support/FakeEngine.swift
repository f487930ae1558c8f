import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import TestSupport

/// A scripted engine on loopback TCP, for the faults a real dockerd will not commit on demand
/// (malformed heads, lying chunk sizes, stalls). It answers `/_ping` like a 20.10 engine and hands
/// every other request to the test's script, which writes whatever bytes it likes, when it likes.
///
/// Writes wait for the socket (NIOAsyncChannel's backpressure), so a script that sends 100 MB or
/// an endless body produces it only as fast as dmux reads, and stops as soon as dmux hangs up.
final class FakeEngine: Sendable {
    struct Request: Sendable {
        var method: String
        /// As sent, e.g. `/v1.41/containers/json?all=1`.
        var target: String
        /// The route without the version prefix and the query, e.g. `/containers/json`.
        var route: String {
            var path = Substring(target.prefix { $0 != "?" })
            if path.hasPrefix("/v1."), let slash = path.dropFirst().firstIndex(of: "/") { path = path[slash...] }
            return String(path)
        }
    }

    /// Plays one request on its connection; returning leaves the connection open for the next.
    typealias Script = @Sendable (Request, Responder) async throws -> Void

    let url: String
    private let task: Task<Void, Never>
    private let log: NIOLockedValueBox<[String]>

    /// Every request other than pings, `METHOD route`, in arrival order.
    var requests: [String] { log.withLockedValue { $0 } }

    static func start(_ script: @escaping Script) async throws -> FakeEngine {
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .bind(host: "127.0.0.1", port: 0) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        guard let port = server.channel.localAddress?.port else { throw SpawnError("fake engine: no local port") }
        let log = NIOLockedValueBox<[String]>([])
        let task = Task {
            _ = try? await server.executeThenClose { connections in
                await withDiscardingTaskGroup { group in
                    do {
                        for try await connection in connections {
                            group.addTask { await serve(connection, script: script, log: log) }
                        }
                    } catch {}
                }
            }
        }
        return FakeEngine(url: "tcp://127.0.0.1:\(port)", task: task, log: log)
    }

    private init(url: String, task: Task<Void, Never>, log: NIOLockedValueBox<[String]>) {
        self.url = url
        self.task = task
        self.log = log
    }

    /// Closes the listener and every connection, ending scripts that are still writing or waiting.
    func stop() async {
        task.cancel()
        await task.value
    }

    private static func serve(
        _ connection: NIOAsyncChannel<ByteBuffer, ByteBuffer>,
        script: Script,
        log: NIOLockedValueBox<[String]>
    ) async {
        try? await connection.executeThenClose { inbound, outbound in
            var reader = RequestReader(inbound.makeAsyncIterator())
            let responder = Responder(writer: outbound)
            while let request = try await reader.next() {
                if request.route == "/_ping" {
                    try await responder.send("HTTP/1.1 200 OK\r\nApi-Version: 1.41\r\nServer: Docker/20.10.24 (linux)\r\n"
                        + "Content-Type: text/plain; charset=utf-8\r\nContent-Length: 2\r\n\r\n"
                        + (request.method == "HEAD" ? "" : "OK"))
                    continue
                }
                log.withLockedValue { $0.append("\(request.method) \(request.route)") }
                try await script(request, responder)
            }
        }
    }
}

/// The script's end of one connection: raw bytes, written as the socket takes them.
struct Responder: Sendable {
    let writer: NIOAsyncChannelOutboundWriter<ByteBuffer>

    func send(_ text: String) async throws {
        try await writer.write(ByteBuffer(string: text))
    }

    func send(_ bytes: [UInt8]) async throws {
        try await writer.write(ByteBuffer(bytes: bytes))
    }

    /// A well-formed answer with a body of known length.
    func reply(_ status: String = "200 OK", json body: String) async throws {
        try await send("HTTP/1.1 \(status)\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)")
    }

    /// `count` copies of `byte`, in pieces of at most `piece`, produced only as fast as they leave.
    func repeating(_ byte: UInt8, count: Int, piece: Int = 64 * 1024) async throws {
        var left = count
        while left > 0 {
            let size = min(piece, left)
            try await writer.write(ByteBuffer(repeating: byte, count: size))
            left -= size
        }
    }

    /// Ends the connection at once (the rest of the script is not run).
    func hangUp() throws -> Never {
        throw HangUp()
    }

    /// Keeps the connection open, silent, until dmux closes it or the test ends.
    func stall() async throws -> Never {
        while true { try await Task.sleep(for: .seconds(1)) }
    }

    struct HangUp: Error {}
}

/// Reads HTTP/1.1 requests (head and Content-Length body) off a connection's inbound bytes.
private struct RequestReader {
    var iterator: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
    var pending = ByteBuffer()

    init(_ iterator: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator) {
        self.iterator = iterator
    }

    mutating func next() async throws -> FakeEngine.Request? {
        while true {
            if let end = pending.readableBytesView.firstRange(of: [13, 10, 13, 10]) {
                let head = pending.readString(length: end.upperBound - pending.readerIndex)!
                let lines = head.split(separator: "\r\n")
                let parts = lines.first?.split(separator: " ") ?? []
                guard parts.count >= 2 else { throw SpawnError("fake engine: bad request line \(lines.first ?? "")") }
                let length = lines.dropFirst().compactMap { line -> Int? in
                    let pair = line.split(separator: ":", maxSplits: 1)
                    guard pair.count == 2, pair[0].lowercased() == "content-length" else { return nil }
                    return Int(pair[1].trimmingCharacters(in: .whitespaces))
                }.first ?? 0
                while pending.readableBytes < length {
                    guard var more = try await iterator.next() else { return nil }
                    pending.writeBuffer(&more)
                }
                pending.moveReaderIndex(forwardBy: length)
                return FakeEngine.Request(method: String(parts[0]), target: String(parts[1]))
            }
            guard var more = try await iterator.next() else { return nil }
            pending.writeBuffer(&more)
        }
    }
}
