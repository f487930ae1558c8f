import NIOCore
import TLS

/// Lets async code pull a channel's bytes one buffer at a time, reading from the socket only while
/// the consumer keeps up: the read side of backpressure for every engine connection.
///
/// It holds `read()` back once `highWatermark` bytes wait unconsumed, so a slow terminal slows the
/// engine down instead of growing memory. All methods run on the channel's event loop.
final class PullReadHandler: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let highWatermark: Int
    private var buffered = CircularBuffer<ByteBuffer>()
    private var bufferedBytes = 0
    private var readHeldBack = false
    private var waiter: EventLoopPromise<ByteBuffer?>?
    private var ended = false
    private var failure: Error?
    /// Why the channel failed, for a writer that only saw "closed".
    var failureRecorded: Error? { failure }
    /// An idle connection can carry another request only if the engine has neither hung up (with
    /// half-closure allowed the channel stays active after the engine's FIN) nor sent anything unasked.
    var canCarryAnotherRequest: Bool { !ended && failure == nil && buffered.isEmpty && context != nil }
    private var context: ChannelHandlerContext?
    /// A request body's writer waiting for the engine to take in what is already queued.
    private var writabilityWaiter: EventLoopPromise<Void>?
    /// Completed when the channel is ready for requests: at once, or after the TLS handshake.
    let ready: EventLoopPromise<Void>
    private let waitsForHandshake: Bool

    init(ready: EventLoopPromise<Void>, waitsForHandshake: Bool, highWatermark: Int = 256 * 1024) {
        self.ready = ready
        self.waitsForHandshake = waitsForHandshake
        self.highWatermark = highWatermark
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        if !waitsForHandshake && context.channel.isActive { ready.succeed() }
    }

    func channelActive(context: ChannelHandlerContext) {
        if !waitsForHandshake { ready.succeed() }
        context.fireChannelActive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
    }

    /// The next buffer, or nil once the peer has closed and everything was consumed.
    func next() -> EventLoopFuture<ByteBuffer?> {
        // After the channel closed, the handler is removed (context nil) but may still hold bytes.
        let loop = context?.eventLoop ?? ready.futureResult.eventLoop
        if let buffer = buffered.popFirst() {
            bufferedBytes -= buffer.readableBytes
            resumeReadingIfRoom()
            return loop.makeSucceededFuture(buffer)
        }
        if let failure { return loop.makeFailedFuture(failure) }
        if ended || context == nil { return ready.futureResult.eventLoop.makeSucceededFuture(nil) }
        precondition(waiter == nil, "one reader at a time")
        let promise = loop.makePromise(of: ByteBuffer?.self)
        waiter = promise
        resumeReadingIfRoom()
        return promise.futureResult
    }

    /// Succeeds once the channel can take more writes (at once if it can now): the write side of
    /// backpressure for a streamed request body. Fails once the channel has closed.
    func writable() -> EventLoopFuture<Void> {
        let loop = context?.eventLoop ?? ready.futureResult.eventLoop
        guard let context, context.channel.isActive else { return loop.makeFailedFuture(failure ?? ChannelError.ioOnClosedChannel) }
        if context.channel.isWritable { return loop.makeSucceededVoidFuture() }
        let promise = writabilityWaiter ?? loop.makePromise(of: Void.self)
        writabilityWaiter = promise
        return promise.futureResult
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if context.channel.isWritable, let waiter = writabilityWaiter {
            writabilityWaiter = nil
            waiter.succeed()
        }
        context.fireChannelWritabilityChanged()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        if let waiter {
            self.waiter = nil
            waiter.succeed(buffer)
        } else {
            buffered.append(buffer)
            bufferedBytes += buffer.readableBytes
        }
    }

    func read(context: ChannelHandlerContext) {
        if bufferedBytes >= highWatermark {
            readHeldBack = true
        } else {
            context.read()
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is TLSHandshakeCompleted {
            ready.succeed()
        } else if let event = event as? ChannelEvent, event == .inputClosed {
            end()
        }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        if failure == nil { failure = error }
        ready.fail(error)
        if let waiter {
            self.waiter = nil
            waiter.fail(error)
        }
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        ready.fail(TransportError.closedBeforeReady)
        if let waiter = writabilityWaiter {
            writabilityWaiter = nil
            waiter.fail(failure ?? ChannelError.ioOnClosedChannel)
        }
        end()
        context.fireChannelInactive()
    }

    private func end() {
        ended = true
        if let waiter {
            self.waiter = nil
            if let failure { waiter.fail(failure) } else { waiter.succeed(nil) }
        }
    }

    private func resumeReadingIfRoom() {
        if readHeldBack, bufferedBytes < highWatermark, let context {
            readHeldBack = false
            context.read()
        }
    }
}

