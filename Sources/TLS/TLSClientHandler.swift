import NIOCore

/// Client-side TLS for one connection to an engine: verifies the server against the context's CA
/// file and the given host (an IP literal against IP SANs without SNI, a name against DNS SANs with
/// SNI), sends the client certificate, and fires `TLSHandshakeCompleted` when ready. Failures are
/// fired as `TLSError` and close the channel; nothing ever falls back to plaintext.
public final class TLSClientHandler: ChannelDuplexHandler, RemovableChannelHandler {
    public typealias InboundIn = ByteBuffer
    public typealias InboundOut = ByteBuffer
    public typealias OutboundIn = ByteBuffer
    public typealias OutboundOut = ByteBuffer

    private let pump: TLSPump
    /// Kept alive for as long as the session that was created from it.
    private let context: TLSClientContext

    /// - Parameter serverHostname: the host part of the engine URL (`127.0.0.1`, `[::1]`, `engine.example`).
    public init(context: TLSClientContext, serverHostname: String) throws(TLSError) {
        let serverName = try ServerName(serverHostname)
        let session = try TLSSession(context: context.pointer, isServer: false, serverName: serverName)
        let configuration = context.configuration
        let translator = TLSFailureTranslator(side: .client(caFile: configuration.caFile,
                                                            certificateFile: configuration.certificateFile,
                                                            serverName: serverName.text))
        self.pump = TLSPump(session: session, translator: translator)
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
