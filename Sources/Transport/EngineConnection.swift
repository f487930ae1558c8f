import NIOCore

/// One open connection to an engine: a channel plus the handler that lets async code pull its bytes.
///
/// It carries one request at a time; the pool guarantees that by lending it out exclusively.
final class EngineConnection: Sendable {
    let channel: Channel
    let address: String
    let hostHeader: String
    let reader: NIOLoopBound<PullReadHandler>
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

    /// Sends a short request and reads its whole answer on the event loop: one hop there and one
    /// back, whatever the number of reads. A kept connection (`reused`) is checked there first.
    func exchange(_ request: HTTPRequest, limit: Int, reused: Bool) async throws -> ResponseCollector.Collected {
        let channel = self.channel, reader = self.reader, address = self.address
        let head = encoded(request)
        let answer = channel.eventLoop.flatSubmit { () -> EventLoopFuture<ResponseCollector.Collected> in
            guard !reused || reader.value.canCarryAnotherRequest else {
                return channel.eventLoop.makeFailedFuture(StaleConnection())
            }
            return channel.writeAndFlush(head).flatMapError { channel.eventLoop.makeFailedFuture(WriteFailed(underlying: $0)) }.flatMap {
                ResponseCollector.collect(from: reader.value, expectsBody: request.expectsResponseBody, limit: limit, address: address, on: channel)
            }
        }
        do {
            return try await answer.get()
        } catch let error as StaleConnection {
            throw Unanswered(error: error, stale: true)
        } catch let error as WriteFailed {
            throw Unanswered(error: await writeFailure(error.underlying), stale: false)
        } catch let error as ResponseCollector.FailedBeforeAnswer {
            var described = translated(error.underlying)
            if let diagnosis, let reason = await diagnosis() { described = TransportError(.sshFailed(reason: reason), address: address) }
            throw Unanswered(error: described, stale: false)
        } catch {
            throw translated(error)
        }
    }

    /// Sends `request` and reads up to the end of the response head; a streamed body is written
    /// by `sending` between the two.
    func begin(
        _ request: HTTPRequest, reused: Bool, sending: (@Sendable (RequestBodyWriter) async throws -> Void)? = nil
    ) async throws -> ResponseStream {
        let channel = self.channel, reader = self.reader
        let head = encoded(request)
        let sent = channel.eventLoop.flatSubmit { () -> EventLoopFuture<Void> in
            guard !reused || reader.value.canCarryAnotherRequest else {
                return channel.eventLoop.makeFailedFuture(StaleConnection())
            }
            return channel.writeAndFlush(head)
        }
        do {
            try await sent.get()
        } catch let error as StaleConnection {
            throw Unanswered(error: error, stale: true)
        } catch {
            throw Unanswered(error: await writeFailure(error), stale: false)
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
            if let diagnosis, let reason = await diagnosis() {
                throw Unanswered(error: TransportError(.sshFailed(reason: reason), address: address), stale: false)
            }
            throw Unanswered(error: error, stale: false)
        }
        return stream
    }

    private func encoded(_ request: HTTPRequest) -> ByteBuffer {
        var buffer = channel.allocator.buffer(capacity: 256 + (request.body?.count ?? 0))
        request.encode(hostHeader: hostHeader, into: &buffer)
        return buffer
    }

    /// Why a request could not be written. The engine may have closed the connection on purpose
    /// before our request went out (TLS 1.3: the alert rejecting our client certificate); the
    /// reader kept that reason, which "I/O on closed channel" would hide.
    private func writeFailure(_ error: Error) async -> TransportError {
        if let reason = await closingReason() { return TransportError.connecting(reason, address: address) }
        if let diagnosis, let reason = await diagnosis() { return TransportError(.sshFailed(reason: reason), address: address) }
        return TransportError.connecting(error, address: address)
    }

    /// The user's words for a failure while reading an answer; a connection that sent garbage is closed.
    func translated(_ error: Error) -> Error {
        switch error {
        case let error as HTTPParseError:
            close()
            return TransportError(.http(error), address: address)
        case let error as TransportError: return error
        default: return TransportError.connecting(error, address: address)
        }
    }

    /// The request failed before the engine answered it: `stale` when nothing was sent at all (a
    /// kept connection the engine had hung up on), so the client may send it on another one.
    struct Unanswered: Error {
        let error: Error
        let stale: Bool
    }

    private struct StaleConnection: Error {}

    private struct WriteFailed: Error {
        let underlying: Error
    }
}
