import NIOCore

/// The channel handler both TLS sides share: every event goes to the session's pump. The two
/// sides differ only in how their session is made (`TLSClientHandler`, `TLSServerHandler`).
public class TLSHandler: ChannelDuplexHandler, RemovableChannelHandler {
    public typealias InboundIn = ByteBuffer
    public typealias InboundOut = ByteBuffer
    public typealias OutboundIn = ByteBuffer
    public typealias OutboundOut = ByteBuffer

    private let pump: TLSPump
    /// The context the session was made from, kept alive as long as the session.
    private let owner: AnyObject

    init(pump: TLSPump, owner: AnyObject) {
        self.pump = pump
        self.owner = owner
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
