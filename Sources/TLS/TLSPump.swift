import NIOCore

/// The channel-handler logic shared by client and server: a small state machine around a
/// `TLSSession`. Network bytes go in, OpenSSL output is drained after every SSL call and written as
/// one buffer per step; application writes wait until the handshake completes and a flush asks.
final class TLSPump {
    enum State {
        case idle
        case handshaking
        case active
        case closed
        case failed(TLSError)
    }

    private struct PendingWrite {
        var data: ByteBuffer
        var promise: EventLoopPromise<Void>?
    }

    /// Plaintext is handed on in pieces of at most this size so one huge record burst is not held whole.
    private static let readChunk = 256 * 1024

    private(set) var state: State = .idle
    private let session: TLSSession
    private let translator: TLSFailureTranslator
    private var pending: [PendingWrite] = []
    /// A flush arrived while the handshake was running.
    private var flushRequested = false
    /// The first bytes from the peer, to recognise a plain HTTP answer.
    private var sniffed: [UInt8] = []

    init(session: TLSSession, translator: TLSFailureTranslator) {
        self.session = session
        self.translator = translator
    }

    // MARK: Inbound

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { startHandshake(context: context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        context.fireChannelActive()
        startHandshake(context: context)
    }

    func channelRead(context: ChannelHandlerContext, data: ByteBuffer) {
        switch state {
        case .closed, .failed:
            return
        case .idle:
            startHandshake(context: context)
        case .handshaking, .active:
            break
        }
        if sniffed.count < 5 { sniffed += data.readableBytesView.prefix(5 - sniffed.count) }
        session.receive(data)
        if case .handshaking = state { continueHandshake(context: context) }
        if case .active = state { readPlaintext(context: context) }
    }

    func channelInactive(context: ChannelHandlerContext) {
        endOfInput(context: context)
        if case .failed = state {} else { state = .closed }
        failPending(ChannelError.ioOnClosedChannel)
        context.fireChannelInactive()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case .inputClosed = event as? ChannelEvent { endOfInput(context: context) }
        context.fireUserInboundEventTriggered(event)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        failPending(ChannelError.ioOnClosedChannel)
    }

    /// The peer stopped sending. Before the handshake is done that is a failure worth its own words;
    /// afterwards the protocol above (HTTP framing) judges whether the data was complete.
    private func endOfInput(context: ChannelHandlerContext) {
        guard case .handshaking = state else { return }
        let error = sniffed.starts(with: Array("HTTP/".utf8)) ? TLSError.plaintextPeer() : TLSError.closedDuringHandshake()
        state = .failed(error)
        failPending(error)
        context.fireErrorCaught(error)
    }

    // MARK: Outbound

    func write(context: ChannelHandlerContext, data: ByteBuffer, promise: EventLoopPromise<Void>?) {
        switch state {
        case .idle, .handshaking, .active:
            pending.append(PendingWrite(data: data, promise: promise))
        case .closed:
            promise?.fail(ChannelError.ioOnClosedChannel)
        case .failed(let error):
            promise?.fail(error)
        }
    }

    func flush(context: ChannelHandlerContext) {
        switch state {
        case .idle, .handshaking:
            flushRequested = true
        case .active:
            encryptPending(context: context)
        case .closed, .failed:
            context.flush()
        }
    }

    func close(context: ChannelHandlerContext, mode: CloseMode, promise: EventLoopPromise<Void>?) {
        if mode != .input, case .active = state {
            encryptPending(context: context)
            if case .active = state {
                session.shutdown()
                writeOutput(context: context, promise: nil, flush: true)
            }
        }
        if mode == .all {
            if case .failed = state {} else { state = .closed }
            failPending(ChannelError.ioOnClosedChannel)
        }
        context.close(mode: mode, promise: promise)
    }

    // MARK: Steps

    private func startHandshake(context: ChannelHandlerContext) {
        guard case .idle = state else { return }
        state = .handshaking
        continueHandshake(context: context)
    }

    private func continueHandshake(context: ChannelHandlerContext) {
        let result = session.handshake()
        writeOutput(context: context, promise: nil, flush: true)
        switch result {
        case .wantsMoreInput:
            return
        case .failed(let failure):
            fail(context: context, failure: failure)
        case .completed:
            state = .active
            context.fireUserInboundEventTriggered(session.negotiated)
            if flushRequested, case .active = state {
                flushRequested = false
                encryptPending(context: context)
            }
        }
    }

    /// Decrypts everything buffered, handing plaintext on in large chunks.
    private func readPlaintext(context: ChannelHandlerContext) {
        var plaintext = context.channel.allocator.buffer(capacity: 16 * 1024)
        var outcome: TLSSession.ReadResult = .bytes
        while case .bytes = outcome {
            outcome = session.read(into: &plaintext)
            if plaintext.readableBytes >= Self.readChunk {
                writeOutput(context: context, promise: nil, flush: true)
                context.fireChannelRead(NIOAny(plaintext))
                plaintext = context.channel.allocator.buffer(capacity: 16 * 1024)
                guard case .active = state else { return }
            }
        }
        // SSL_read can produce output too: alerts, KeyUpdate replies.
        writeOutput(context: context, promise: nil, flush: true)
        if plaintext.readableBytes > 0 { context.fireChannelRead(NIOAny(plaintext)) }
        switch outcome {
        case .closeNotify:
            guard case .active = state else { return }
            session.shutdown()
            writeOutput(context: context, promise: nil, flush: true)
            state = .closed
            failPending(ChannelError.ioOnClosedChannel)
            context.close(promise: nil)
        case .failed(let failure):
            fail(context: context, failure: failure)
        case .bytes, .wantsMoreInput:
            break
        }
    }

    /// Encrypts every pending write and sends the records as one buffer, completing the writes'
    /// promises with that network write.
    private func encryptPending(context: ChannelHandlerContext) {
        let writes = pending
        pending.removeAll()
        for write in writes {
            if let failure = session.write(write.data) {
                let error = translator.translate(failure, peerSpokePlainHTTP: false)
                writes.forEach { $0.promise?.fail(error) }
                fail(context: context, error: error)
                return
            }
        }
        let promises = writes.compactMap(\.promise)
        var combined: EventLoopPromise<Void>?
        if !promises.isEmpty {
            let promise = context.eventLoop.makePromise(of: Void.self)
            promise.futureResult.whenComplete { result in promises.forEach { $0.completeWith(result) } }
            combined = promise
        }
        writeOutput(context: context, promise: combined, flush: true)
    }

    private func writeOutput(context: ChannelHandlerContext, promise: EventLoopPromise<Void>?, flush: Bool) {
        guard let output = session.takeOutput(allocator: context.channel.allocator) else {
            promise?.succeed()
            return
        }
        context.write(NIOAny(output), promise: promise)
        if flush { context.flush() }
    }

    private func fail(context: ChannelHandlerContext, failure: TLSFailure) {
        let plainHTTP = sniffed.starts(with: Array("HTTP/".utf8))
        fail(context: context, error: translator.translate(failure, peerSpokePlainHTTP: plainHTTP))
    }

    /// Sends whatever alert OpenSSL queued, reports the error once and closes the channel.
    private func fail(context: ChannelHandlerContext, error: TLSError) {
        if case .failed = state { return }
        state = .failed(error)
        writeOutput(context: context, promise: nil, flush: true)
        failPending(error)
        context.fireErrorCaught(error)
        context.close(promise: nil)
    }

    private func failPending(_ error: any Error) {
        let writes = pending
        pending.removeAll()
        writes.forEach { $0.promise?.fail(error) }
    }
}
