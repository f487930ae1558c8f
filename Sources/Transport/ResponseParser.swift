import NIOCore

/// Turns the bytes of HTTP/1.1 responses into heads, body pieces and ends, without I/O.
///
/// Body pieces are slices of the fed buffers, never copies. Every buffer it holds on to is bounded
/// (`maxHeadBytes`, the chunk-size line), so a hostile or broken peer costs memory only in
/// proportion to what the caller chooses to keep.
struct ResponseParser {
    enum Event: Equatable {
        case head(ResponseHead)
        case body(ByteBuffer)
        /// The response is complete; `reusable` says whether the connection may carry another request.
        case end(reusable: Bool)
    }

    private enum State {
        case head
        case fixed(remaining: Int)
        case chunkSize
        case chunkData(remaining: Int)
        case chunkDataEnd
        case trailers
        case untilClose
        case done
    }

    let expectsBody: Bool
    let maxHeadBytes: Int
    private var state = State.head
    private var pending = ByteBuffer()
    private var keepAlive = true
    /// Bytes arrived after the response ended: the connection cannot be trusted for another request.
    private(set) var sentTrailingBytes = false

    init(expectsBody: Bool, maxHeadBytes: Int = 64 * 1024) {
        self.expectsBody = expectsBody
        self.maxHeadBytes = maxHeadBytes
    }

    var isComplete: Bool {
        if case .done = state { return true }
        return false
    }

    /// Consumes `input` entirely; bytes past the end of the response are an error (engines never pipeline).
    mutating func feed(_ input: ByteBuffer) throws(HTTPParseError) -> [Event] {
        var input = input
        var events: [Event] = []
        while input.readableBytes > 0 {
            switch state {
            case .head:
                guard let head = try takeHead(from: &input) else { return events }
                events.append(.head(head))
                if let end = try beginBody(after: head) { events.append(end) }
            case .fixed(let remaining):
                let slice = input.readSlice(length: min(remaining, input.readableBytes))!
                events.append(.body(slice))
                if remaining == slice.readableBytes {
                    state = .done
                    events.append(.end(reusable: keepAlive))
                } else {
                    state = .fixed(remaining: remaining - slice.readableBytes)
                }
            case .chunkSize:
                guard let line = try takeLine(from: &input, limit: 1024, what: "chunk size line") else { return events }
                let size = try Self.chunkSize(line)
                state = size == 0 ? .trailers : .chunkData(remaining: size)
            case .chunkData(let remaining):
                let slice = input.readSlice(length: min(remaining, input.readableBytes))!
                events.append(.body(slice))
                state = remaining == slice.readableBytes ? .chunkDataEnd : .chunkData(remaining: remaining - slice.readableBytes)
            case .chunkDataEnd:
                // Exactly CRLF must follow a chunk's data; anything else means its size lied.
                guard let line = try takeLine(from: &input, limit: 0, what: "chunk") else { return events }
                guard line.isEmpty else { throw HTTPParseError("chunk longer than its declared size") }
                state = .chunkSize
            case .trailers:
                guard let line = try takeLine(from: &input, limit: 8 * 1024, what: "trailer") else { return events }
                if line.isEmpty {
                    state = .done
                    events.append(.end(reusable: keepAlive))
                }
            case .untilClose:
                events.append(.body(input))
                input.moveReaderIndex(to: input.writerIndex)
            case .done:
                // A peer that sends more than it announced (a body after HEAD, a plain-HTTP error
                // page) ends this connection's reuse, not the response already read.
                sentTrailingBytes = true
                input.moveReaderIndex(to: input.writerIndex)
            }
        }
        return events
    }

    /// The peer closed its side: ends a read-until-close body, and is an error anywhere else.
    mutating func finish() throws(HTTPParseError) -> [Event] {
        switch state {
        case .untilClose:
            state = .done
            return [.end(reusable: false)]
        case .done:
            return []
        case .head where pending.readableBytes == 0:
            throw HTTPParseError(closed: "before a response arrived")
        default:
            throw HTTPParseError(closed: "in the middle of a response")
        }
    }

    private mutating func beginBody(after head: ResponseHead) throws(HTTPParseError) -> Event? {
        let connection = head.headers.first("Connection")?.lowercased() ?? ""
        keepAlive = !connection.contains("close")
        if head.status == 101 {
            state = .untilClose
            return nil
        }
        if !expectsBody || head.status == 204 || head.status == 304 {
            state = .done
            return .end(reusable: keepAlive)
        }
        if let encoding = head.headers.first("Transfer-Encoding"), encoding.lowercased().contains("chunked") {
            state = .chunkSize
        } else if let text = head.headers.first("Content-Length") {
            // Like Go's net/http: a length that is not a number is an error, not "read until close".
            let digits = text.trimmingSpaces
            // Digits only, as Go's ParseUint: Int(_:) alone also takes "+5".
            guard !digits.isEmpty, digits.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
                  let length = Int(digits) else {
                throw HTTPParseError("malformed Content-Length \"\(text.prefix(40))\"")
            }
            if length == 0 {
                state = .done
                return .end(reusable: keepAlive)
            }
            state = .fixed(remaining: length)
        } else {
            // Docker's hijack without Upgrade, and old servers: the body runs to the end of the connection.
            keepAlive = false
            state = .untilClose
        }
        return nil
    }

    private mutating func takeHead(from input: inout ByteBuffer) throws(HTTPParseError) -> ResponseHead? {
        while true {
            pending.writeImmutableBuffer(input)
            input.moveReaderIndex(to: input.writerIndex)
            guard let end = pending.readableOffset(of: Self.blankLine) else {
                if pending.readableBytes > maxHeadBytes {
                    throw HTTPParseError("response header larger than \(maxHeadBytes / 1024) KiB")
                }
                return nil
            }
            let headLength = end + Self.blankLine.count
            guard headLength <= maxHeadBytes else {
                throw HTTPParseError("response header larger than \(maxHeadBytes / 1024) KiB")
            }
            let headBytes = pending.readSlice(length: headLength)!
            // Give back what followed the head to the caller's buffer.
            input = pending
            pending = ByteBuffer()
            let head = try Self.parseHead(headBytes)
            if (100..<200).contains(head.status) && head.status != 101 {
                continue  // 100 Continue and friends: the real answer follows.
            }
            return head
        }
    }

    /// Takes one CRLF-terminated line, searching the caller's buffer in place when nothing is pending
    /// so that a long body of small chunks is never copied.
    private mutating func takeLine(from input: inout ByteBuffer, limit: Int, what: String) throws(HTTPParseError) -> String? {
        if pending.readableBytes == 0, let length = input.readableOffset(of: Self.crlf) {
            guard length <= limit else { throw HTTPParseError(Self.tooLong(what)) }
            let line = input.readString(length: length)!
            input.moveReaderIndex(forwardBy: 2)
            return line
        }
        var piece = input.readSlice(length: min(limit + 2 - pending.readableBytes, input.readableBytes))!
        pending.writeBuffer(&piece)
        guard let length = pending.readableOffset(of: Self.crlf) else {
            if pending.readableBytes >= limit + 2 { throw HTTPParseError(Self.tooLong(what)) }
            return nil
        }
        // Give back to the caller what was copied past the end of the line.
        let overshoot = pending.readableBytes - length - Self.crlf.count
        input.moveReaderIndex(to: input.readerIndex - overshoot)
        let line = pending.readString(length: length)!
        pending.clear()
        return line
    }

    private static let crlf: [UInt8] = [13, 10]
    private static let blankLine: [UInt8] = [13, 10, 13, 10]

    private static func tooLong(_ what: String) -> String {
        what == "chunk" ? "chunk longer than its declared size" : "\(what) too long"
    }

    /// The status line and header lines of a head, split at CRLF on its bytes with the body's memchr
    /// search: every response passes here, and splitting the decoded String walked it grapheme by grapheme.
    static func parseHead(_ head: ByteBuffer) throws(HTTPParseError) -> ResponseHead {
        var lines = crlfLines(head).makeIterator()
        guard let statusLine = lines.next() else { throw HTTPParseError("empty status line") }
        let parts = statusLine.split(separator: UInt8(ascii: " "), maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count >= 2, parts[0].starts(with: "HTTP/1.".utf8), parts[1].count == 3,
              parts[1].allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
              let status = Int(text(parts[1])) else {
            throw HTTPParseError("malformed status line \"\(text(statusLine.prefix(80)))\"")
        }
        var headers: [HTTPHeader] = []
        while let line = lines.next() {
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon != line.startIndex,
                  line.first != UInt8(ascii: " "), line.first != UInt8(ascii: "\t") else {
                throw HTTPParseError("malformed header line \"\(text(line.prefix(80)))\"")
            }
            headers.append(HTTPHeader(text(line[..<colon]), text(line[line.index(after: colon)...]).trimmingSpaces))
        }
        return ResponseHead(status: status, reason: parts.count > 2 ? text(parts[2]) : "", headers: headers)
    }

    /// The non-empty lines of `head` between CRLFs.
    private static func crlfLines(_ head: ByteBuffer) -> [[UInt8]] {
        var head = head
        var lines: [[UInt8]] = []
        while head.readableBytes > 0 {
            let length = head.readableOffset(of: crlf) ?? head.readableBytes
            if length > 0 { lines.append(head.readBytes(length: length)!) }
            head.moveReaderIndex(forwardBy: min(crlf.count, head.readableBytes))
        }
        return lines
    }

    private static func text(_ bytes: ArraySlice<UInt8>) -> String { String(decoding: bytes, as: UTF8.self) }

    static func chunkSize(_ line: String) throws(HTTPParseError) -> Int {
        let digits = line.prefix { $0 != ";" }.trimmingSpaces
        // Hex digits only, as Go's parseHexUint: Int(_:radix:) alone also takes a sign ("+2", "-0").
        guard !digits.isEmpty, digits.utf8.count <= 15, digits.allSatisfy(\.isHexDigit), digits.allSatisfy(\.isASCII),
              let size = Int(digits, radix: 16) else {
            throw HTTPParseError("malformed chunk size \"\(line.prefix(40))\"")
        }
        return size
    }
}

/// The engine sent something that is not HTTP/1.1 as dmux understands it.
public struct HTTPParseError: Error, Hashable, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = "malformed HTTP response: \(description)" }
    /// The engine hung up (it died or restarted): nothing it sent was malformed.
    init(closed when: String) { self.description = "the engine closed the connection \(when)" }
}

extension StringProtocol {
    /// Without leading and trailing spaces and tabs. Done on the UTF-8 bytes: every header value
    /// of every response passes here, and trimming Characters cost more than the rest of the head.
    var trimmingSpaces: String {
        let bytes = Substring(self).utf8
        let isBlank = { (byte: UInt8) in byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        guard let first = bytes.firstIndex(where: { !isBlank($0) }), let last = bytes.lastIndex(where: { !isBlank($0) }) else {
            return ""
        }
        return String(decoding: bytes[first...last], as: UTF8.self)
    }
}
