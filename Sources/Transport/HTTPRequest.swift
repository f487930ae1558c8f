import NIOCore

/// One HTTP/1.1 request to an engine, as bytes-to-be: Transport knows HTTP, not Docker.
///
/// The caller gives the full request target (`/v1.41/containers/json?all=1`); the connection adds
/// `Host`, `User-Agent` and `Content-Length`.
public struct HTTPRequest: Sendable, Hashable {
    public var method: String
    public var target: String
    public var headers: [HTTPHeader]
    public var body: [UInt8]?
    /// Ask the engine to hijack the connection (`Connection: Upgrade`, `Upgrade: tcp`) for attach and exec.
    public var upgradesToRawStream: Bool
    /// The body is written after the head, piece by piece, as `Transfer-Encoding: chunked`
    /// (an image or build context of unknown length, streamed as it is read).
    public var streamsBody: Bool

    public init(
        method: String,
        target: String,
        headers: [HTTPHeader] = [],
        body: [UInt8]? = nil,
        upgradesToRawStream: Bool = false,
        streamsBody: Bool = false
    ) {
        self.method = method
        self.target = target
        self.headers = headers
        self.body = body
        self.upgradesToRawStream = upgradesToRawStream
        self.streamsBody = streamsBody
    }

    /// Safe to send again when a kept connection died before any answer: it changes nothing.
    var isReplayable: Bool { (method == "GET" || method == "HEAD") && body == nil && !upgradesToRawStream && !streamsBody }

    /// A HEAD response never has a body, whatever its headers say.
    var expectsResponseBody: Bool { method != "HEAD" }

    /// Serialises the request into one buffer so that it leaves in a single write.
    func encode(hostHeader: String, into buffer: inout ByteBuffer) {
        buffer.writeString("\(method) \(target) HTTP/1.1\r\nHost: \(hostHeader)\r\nUser-Agent: dmux\r\n")
        for header in headers {
            buffer.writeString("\(header.name): \(header.value)\r\n")
        }
        if upgradesToRawStream {
            buffer.writeString("Connection: Upgrade\r\nUpgrade: tcp\r\n")
        }
        if streamsBody {
            buffer.writeString("Transfer-Encoding: chunked\r\n\r\n")
        } else if let body {
            buffer.writeString("Content-Length: \(body.count)\r\n\r\n")
            buffer.writeBytes(body)
        } else {
            if method == "POST" || method == "PUT" {
                buffer.writeString("Content-Length: 0\r\n")
            }
            buffer.writeString("\r\n")
        }
    }
}

/// One header field; order and repetition are kept as received.
public struct HTTPHeader: Sendable, Hashable {
    public var name: String
    public var value: String

    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

extension Array where Element == HTTPHeader {
    /// The first value of a header, compared case-insensitively as HTTP requires.
    public func first(_ name: String) -> String? {
        first { $0.name.caseInsensitiveEquals(name) }?.value
    }
}

extension String {
    func caseInsensitiveEquals(_ other: String) -> Bool {
        self.utf8.count == other.utf8.count && self.lowercased() == other.lowercased()
    }
}
