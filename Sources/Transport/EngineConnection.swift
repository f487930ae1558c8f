import NIOCore

/// One open connection to an engine: a channel plus the handler that lets async code pull its bytes.
///
/// It carries one request at a time; the pool guarantees that by lending it out exclusively.
final class EngineConnection: Sendable {
    let channel: Channel
    let address: String
    let hostHeader: String
    private let reader: NIOLoopBound<PullReadHandler>
    /// Why the far end went away without answering, when only a process can say (ssh's stderr).
    private let diagnosis: (@Sendable () async -> String?)?

    init(
        channel: Channel, reader: NIOLoopBound<PullReadHandler>, address: String, hostHeader: String,
        diagnosis: (@Sendable () async -> String?)? = nil
    ) {
        self.channel = channel
        self.reader = reader
        self.address = address
        self.hostHeader = hostHeader
        self.diagnosis = diagnosis
    }

    var isOpen: Bool { channel.isActive }

    /// Whether an idle connection may be lent out again: open, and not hung up on by the engine.
    func isReusable() async -> Bool {
        guard channel.isActive else { return false }
        let reader = self.reader
        return (try? await channel.eventLoop.submit { reader.value.canCarryAnotherRequest }.get()) ?? false
    }

    /// The next buffer from the engine, or nil when it has closed its side.
    func read() async throws -> ByteBuffer? {
        let reader = self.reader
        return try await channel.eventLoop.flatSubmit { reader.value.next() }.get()
    }

    func write(_ buffer: ByteBuffer) async throws {
        try await channel.writeAndFlush(buffer)
    }

    /// Half-closes the connection so that the process on the other end sees end of input.
    func closeOutput() async throws {
        try await channel.close(mode: .output)
    }

    /// The error the channel failed with, if any (after it closed; nil while it is open).
    private func closingReason() async -> Error? {
        let reader = self.reader
        return try? await channel.eventLoop.submit { reader.value.failureRecorded }.get()
    }

    func close() {
        channel.close(promise: nil)
    }

    /// Sends `request` and reads up to the end of the response head; a streamed body is written
    /// by `sending` between the two.
    func begin(_ request: HTTPRequest, sending: (@Sendable (RequestBodyWriter) async throws -> Void)? = nil) async throws -> ResponseStream {
        var buffer = channel.allocator.buffer(capacity: 256 + (request.body?.count ?? 0))
        request.encode(hostHeader: hostHeader, into: &buffer)
        do {
            try await write(buffer)
        } catch {
            // The engine may have closed the connection on purpose before our request went out
            // (TLS 1.3: the alert rejecting our client certificate). The reader kept that reason;
            // "I/O on closed channel" would hide it.
            if let reason = await closingReason() { throw TransportError.connecting(reason, address: address) }
            if let diagnosis, let reason = await diagnosis() { throw TransportError(.sshFailed(reason: reason), address: address) }
            throw TransportError.connecting(error, address: address)
        }
        let stream = ResponseStream(connection: self, expectsBody: request.expectsResponseBody)
        if request.streamsBody, let sending {
            let writer = RequestBodyWriter(connection: self)
            do {
                try await sending(writer)
                try await writer.finish()
            } catch {
                // Our side gave up (the body's source failed): the engine waits for more, so only
                // closing ends the request.
                if isOpen {
                    close()
                    throw error
                }
                // The engine closed the connection: it may have refused the body and said why first.
                guard (try? await stream.readHead()) != nil, stream.head.status >= 400 else { throw error }
                return stream
            }
        }
        do {
            try await stream.readHead()
        } catch {
            if let diagnosis, let reason = await diagnosis() { throw TransportError(.sshFailed(reason: reason), address: address) }
            throw error
        }
        return stream
    }
}
