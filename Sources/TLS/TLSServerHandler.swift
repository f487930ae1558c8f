import NIOCore

/// Server-side TLS over the same pump as `TLSClientHandler`, for tests and the fake engine. With a
/// client-CA file in its context it requires and verifies client certificates (`--tlsverify`).
public final class TLSServerHandler: ChannelDuplexHandler {
    public typealias InboundIn = ByteBuffer
    public typealias InboundOut = ByteBuffer
    public typealias OutboundIn = ByteBuffer
    public typealias OutboundOut = ByteBuffer

    private let pump: TLSPump
    private let context: TLSServerContext

    public init(context: TLSServerContext) throws(TLSError) {
        let session = try TLSSession(context: context.pointer, isServer: true, serverName: nil)
        self.pump = TLSPump(session: session, translator: TLSFailureTranslator(side: .server))
        self.context = context
    }

    public func handlerAdded(context: ChannelHandlerContext) { pump.handlerAdded(context: context) }
    public func handlerRemoved(context: ChannelHandlerContext) { pump.handlerRemoved(context: context) }
    public func channelActive(context: ChannelHandlerContext) { pump.channelActive(context: context) }
    public func channelInactive(context: ChannelHandlerContext) { pump.channelInactive(context: context) }

    public func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        pump.channelRead(context: context, data: unwrapInboundIn(data))
    }

    public func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        pump.userInboundEventTriggered(context: context, event: event)
    }

    public func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        pump.write(context: context, data: unwrapOutboundIn(data), promise: promise)
    }

    public func flush(context: ChannelHandlerContext) { pump.flush(context: context) }

    public func close(context: ChannelHandlerContext, mode: CloseMode, promise: EventLoopPromise<Void>?) {
        pump.close(context: context, mode: mode, promise: promise)
    }
}
