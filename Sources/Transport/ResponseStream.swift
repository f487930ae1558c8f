import NIOCore

/// An engine's answer as it arrives: the head at once, then body pieces on demand.
///
/// Reading on demand is the backpressure: nothing more is read from the engine until the caller
/// asks. After a `101` the body is the raw hijacked stream, and `write`/`finishWriting` feed the
/// process's stdin.
public final class ResponseStream {
    public private(set) var head = ResponseHead(status: 0, reason: "", headers: [])
    let connection: EngineConnection
    private var parser: ResponseParser
    private var queued: [ResponseParser.Event] = []
    private var queuedIndex = 0
    /// Set once the whole response was read and the connection may carry another request.
    private var endReusable = false
    var endedReusable: Bool { endReusable && !parser.sentTrailingBytes }
    private(set) var ended = false

    init(connection: EngineConnection, expectsBody: Bool) {
        self.connection = connection
        self.parser = ResponseParser(expectsBody: expectsBody)
    }

    /// The next piece of the body, or nil at its end.
    public func next() async throws -> ByteBuffer? {
        while true {
            switch try await nextEvent() {
            case .body(let buffer): return buffer
            case .end(let reusable):
                ended = true
                endReusable = reusable
                return nil
            case .head: throw TransportError(.http(HTTPParseError("a second response head")), address: connection.address)
            case nil: return nil
            }
        }
    }

    /// The next piece of the body and every further piece already read with it, or nil at the
    /// end. A fast stream arrives as one small chunk per write (a chunk per log line); handling
    /// what one socket read brought as a batch makes one terminal write of it, not one per chunk.
    public func nextPieces() async throws -> [ByteBuffer]? {
        guard let first = try await next() else { return nil }
        var pieces = [first]
        while queuedIndex < queued.count, case .body(let buffer) = queued[queuedIndex] {
            pieces.append(buffer)
            queuedIndex += 1
        }
        return pieces
    }

    /// Reads the whole body, refusing to hold more than `limit` bytes.
    public func collect(upTo limit: Int) async throws -> ByteBuffer {
        var body = connection.channel.allocator.buffer(capacity: 0)
        while var piece = try await next() {
            guard body.readableBytes + piece.readableBytes <= limit else {
                throw TransportError(.responseTooLarge(limit: limit), address: connection.address)
            }
            body.writeBuffer(&piece)
        }
        return body
    }

    /// Writes raw bytes to a hijacked stream (the process's stdin).
    public func write(_ bytes: ByteBuffer) async throws {
        try await connection.write(bytes)
    }

    /// Ends the process's stdin by half-closing the connection.
    public func finishWriting() async throws {
        try await connection.closeOutput()
    }

    /// Drops the connection now (detaching from `exec -it`): a pending `next()` ends.
    public func close() {
        connection.close()
    }

    func readHead() async throws {
        guard case .head(let head) = try await nextEvent() else {
            throw TransportError(.closed, address: connection.address)
        }
        self.head = head
    }

    private func nextEvent() async throws -> ResponseParser.Event? {
        while queuedIndex == queued.count {
            if ended { return nil }
            queued.removeAll(keepingCapacity: true)
            queuedIndex = 0
            do {
                if let buffer = try await connection.read() {
                    queued = try parser.feed(buffer)
                } else {
                    queued = try parser.finish()
                    if queued.isEmpty { return nil }
                }
            } catch {
                throw connection.translated(error)
            }
        }
        defer { queuedIndex += 1 }
        return queued[queuedIndex]
    }
}
