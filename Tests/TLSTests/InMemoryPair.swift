import NIOCore
import NIOEmbedded
import TLS

/// Records what reaches the end of a pipeline: plaintext, the handshake event, errors, closure.
final class Recorder: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    var received: [UInt8] = []
    var handshakes: [TLSHandshakeCompleted] = []
    var errors: [any Error] = []
    var readCount = 0
    var inactive = false

    var tlsErrors: [TLSError] { errors.compactMap { $0 as? TLSError } }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        received += unwrapInboundIn(data).readableBytesView
        readCount += 1
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let event = event as? TLSHandshakeCompleted { handshakes.append(event) }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        errors.append(error)
    }

    func channelInactive(context: ChannelHandlerContext) {
        inactive = true
    }
}

/// A TLS client and server on two EmbeddedChannels, bytes moved between them by `pump()`.
final class InMemoryPair {
    let client = EmbeddedChannel()
    let server = EmbeddedChannel()
    let clientRecorder = Recorder()
    let serverRecorder = Recorder()
    /// Network buffers the client wrote, in order (to check write coalescing).
    var clientWrites: [Int] = []

    init(client clientContext: TLSClientContext, serverHostname: String = "127.0.0.1",
         server serverContext: TLSServerContext) throws {
        try client.pipeline.syncOperations.addHandler(
            TLSClientHandler(context: clientContext, serverHostname: serverHostname))
        try client.pipeline.syncOperations.addHandler(clientRecorder)
        try server.pipeline.syncOperations.addHandler(TLSServerHandler(context: serverContext))
        try server.pipeline.syncOperations.addHandler(serverRecorder)
        let address = try SocketAddress(ipAddress: "127.0.0.1", port: 2376)
        try server.connect(to: address).wait()
        try client.connect(to: address).wait()
    }

    /// Moves bytes both ways until neither side has anything left to send. Bytes sent to a closed
    /// side are dropped, as a real socket would.
    func pump() throws {
        var moved = true
        while moved {
            moved = false
            while let bytes = try client.readOutbound(as: ByteBuffer.self) {
                moved = true
                clientWrites.append(bytes.readableBytes)
                if server.isActive { try server.writeInbound(bytes) }
            }
            while let bytes = try server.readOutbound(as: ByteBuffer.self) {
                moved = true
                if client.isActive { try client.writeInbound(bytes) }
            }
        }
    }

    /// Writes and flushes without waiting: before the handshake the write stays pending by design.
    func clientSend(_ bytes: [UInt8]) throws {
        client.writeAndFlush(client.allocator.buffer(bytes: bytes), promise: nil)
    }

    func serverSend(_ bytes: [UInt8]) throws {
        server.writeAndFlush(server.allocator.buffer(bytes: bytes), promise: nil)
    }
}

func randomBytes(_ count: Int) -> [UInt8] {
    var generator = SystemRandomNumberGenerator()
    return (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
}
