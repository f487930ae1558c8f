import NIOCore

/// Reads one whole response on its connection's event loop: pulls buffers from the reader, feeds
/// the parser and gathers the body until the response is complete.
///
/// A short request (`ps`, `/_ping`, an inspect) then costs one hop to the loop and one back,
/// instead of one round trip between the Swift concurrency pool and the loop per buffer read.
/// Every method runs on the loop.
final class ResponseCollector {
    /// What the exchange produced: the answer, and whether the connection may carry another request.
    struct Collected {
        var response: HTTPResponse
        var reusable: Bool
    }

    /// The exchange failed before the engine's answer began: a replayable request may be sent
    /// again on another connection.
    struct FailedBeforeAnswer: Error {
        let underlying: Error
    }

    private let reader: PullReadHandler
    private let promise: EventLoopPromise<Collected>
    private let limit: Int
    private let address: String
    private var parser: ResponseParser
    private var head: ResponseHead?
    private var body: ByteBuffer

    private init(reader: PullReadHandler, promise: EventLoopPromise<Collected>, expectsBody: Bool, limit: Int, address: String,
                 allocator: ByteBufferAllocator) {
        self.reader = reader
        self.promise = promise
        self.limit = limit
        self.address = address
        self.parser = ResponseParser(expectsBody: expectsBody)
        self.body = allocator.buffer(capacity: 0)
    }

    /// Starts reading the response to a request already written; completes with it, or fails with
    /// `HTTPParseError`, `TransportError(.responseTooLarge)` or the channel's error (wrapped in
    /// `FailedBeforeAnswer` when no head had arrived).
    static func collect(
        from reader: PullReadHandler, expectsBody: Bool, limit: Int, address: String, on channel: Channel
    ) -> EventLoopFuture<Collected> {
        let promise = channel.eventLoop.makePromise(of: Collected.self)
        ResponseCollector(reader: reader, promise: promise, expectsBody: expectsBody, limit: limit, address: address,
                          allocator: channel.allocator).readNext()
        return promise.futureResult
    }

    private func readNext() {
        reader.next().assumeIsolated().whenComplete { result in
            do {
                guard let buffer = try result.get() else {
                    // The engine closed its side: the parser ends a read-until-close body, or says what was cut short.
                    guard try self.handle(self.parser.finish()) else { throw TransportError(.closed, address: self.address) }
                    return
                }
                if try self.handle(self.parser.feed(buffer)) { return }
                self.readNext()
            } catch {
                self.promise.fail(self.head == nil ? FailedBeforeAnswer(underlying: error) : error)
            }
        }
    }

    /// Takes the parser's events; true once the response is complete (the promise is then done).
    private func handle(_ events: [ResponseParser.Event]) throws -> Bool {
        for event in events {
            switch event {
            case .head(let head):
                guard self.head == nil else { throw HTTPParseError("a second response head") }
                self.head = head
            case .body(var piece):
                guard body.readableBytes + piece.readableBytes <= limit else {
                    throw TransportError(.responseTooLarge(limit: limit), address: address)
                }
                body.writeBuffer(&piece)
            case .end(let reusable):
                guard let head else { throw HTTPParseError("a response without a head") }
                let response = HTTPResponse(head: head, body: body)
                promise.succeed(Collected(response: response, reusable: reusable && !parser.sentTrailingBytes))
                return true
            }
        }
        return false
    }
}
