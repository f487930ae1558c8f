import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import TLS
import TestSupport

/// A loopback TCP listener that forwards every connection to a real engine, so a test can see what
/// the transport does on the wire: how many connections the pool opens and closes, which bytes a
/// client sent. It also plays the engines the fleet lacks: a plaintext engine on TCP (unix1 behind
/// it), a TLS engine whose certificate the test chose (with `tls`), an engine on an address its
/// certificate does not name (tls1 behind 127.0.0.2).
final class TransportRelay: Sendable {
    enum Target: Sendable {
        case unix(path: String)
        case tcp(host: String, port: Int)
    }

    struct Counters: Sendable {
        /// Connections accepted so far.
        var accepted = 0
        /// Connections still open.
        var open = 0
        /// The first bytes clients sent, raw (before any TLS), all connections in arrival order.
        var received: [UInt8] = []
    }

    let host: String
    let port: Int
    private let listener: Channel
    private let counters: NIOLockedValueBox<Counters>
    private let clients: NIOLockedValueBox<[Channel]>

    var url: String { "tcp://\(host):\(port)" }
    var snapshot: Counters { counters.withLockedValue { $0 } }

    /// Starts listening on `host` (an ephemeral port) and forwarding to `target`.
    static func start(host: String = "127.0.0.1", to target: Target, tls: TLSServerContext? = nil) async throws -> TransportRelay {
        let counters = NIOLockedValueBox(Counters())
        let clients = NIOLockedValueBox<[Channel]>([])
        let listener = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.allowRemoteHalfClosure, value: true)
            .childChannelInitializer { channel in
                clients.withLockedValue { $0.append(channel) }
                return channel.eventLoop.makeCompletedFuture {
                    let sync = channel.pipeline.syncOperations
                    try sync.addHandler(ConnectionRecorder(counters: counters))
                    if let tls { try sync.addHandler(TLSServerHandler(context: tls)) }
                    try sync.addHandler(ForwardingHandler(target: target))
                }
            }
            .bind(host: host, port: 0).get()
        guard let port = listener.localAddress?.port else { throw SpawnError("relay: no local port on \(host)") }
        return TransportRelay(host: host, port: port, listener: listener, counters: counters, clients: clients)
    }

    private init(host: String, port: Int, listener: Channel, counters: NIOLockedValueBox<Counters>,
                 clients: NIOLockedValueBox<[Channel]>) {
        self.host = host
        self.port = port
        self.listener = listener
        self.counters = counters
        self.clients = clients
    }

    func stop() async {
        try? await listener.close()
        dropConnections()
    }

    /// Hangs up on every client, as an engine that restarts (or times out idle connections) does.
    func dropConnections() {
        clients.withLockedValue { channels in
            channels.forEach { $0.close(promise: nil) }
            channels.removeAll()
        }
    }

    /// Waits up to `seconds` for `condition` on the counters to hold, returning the last snapshot.
    func waitFor(seconds: Double = 5, _ condition: (Counters) -> Bool) async -> Counters {
        let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
        while !condition(snapshot), ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        return snapshot
    }
}

/// Counts a connection's life and keeps the first bytes its client sent.
private final class ConnectionRecorder: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    private let counters: NIOLockedValueBox<TransportRelay.Counters>

    init(counters: NIOLockedValueBox<TransportRelay.Counters>) { self.counters = counters }

    func channelActive(context: ChannelHandlerContext) {
        counters.withLockedValue { $0.accepted += 1; $0.open += 1 }
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        counters.withLockedValue { $0.open -= 1 }
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let bytes = unwrapInboundIn(data).readableBytesView
        counters.withLockedValue { $0.received += bytes.prefix(max(0, 64 * 1024 - $0.received.count)) }
        context.fireChannelRead(data)
    }
}

/// Pipes one accepted connection to its own connection to the target, half-closes included.
private final class ForwardingHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    private let target: TransportRelay.Target
    private var backend: Channel?
    private var waiting: [ByteBuffer] = []
    private var inputClosed = false

    init(target: TransportRelay.Target) { self.target = target }

    func channelActive(context: ChannelHandlerContext) {
        let front = context.channel
        let bootstrap = ClientBootstrap(group: context.eventLoop)
            .channelOption(.allowRemoteHalfClosure, value: true)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(BackendHandler(front: front))
                }
            }
        let connecting: EventLoopFuture<Channel> = switch target {
        case .unix(let path): bootstrap.connect(unixDomainSocketPath: path)
        case .tcp(let host, let port): bootstrap.connect(host: host, port: port)
        }
        connecting.assumeIsolated().whenComplete { result in
            switch result {
            case .success(let backend):
                self.backend = backend
                for buffer in self.waiting { backend.write(buffer, promise: nil) }
                self.waiting.removeAll()
                backend.flush()
                if self.inputClosed { backend.close(mode: .output, promise: nil) }
            case .failure:
                front.close(promise: nil)
            }
        }
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        if let backend { backend.writeAndFlush(buffer, promise: nil) } else { waiting.append(buffer) }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case .inputClosed = event as? ChannelEvent {
            inputClosed = true
            backend?.close(mode: .output, promise: nil)
        }
        context.fireUserInboundEventTriggered(event)
    }

    func channelInactive(context: ChannelHandlerContext) {
        backend?.close(promise: nil)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        context.close(promise: nil)
    }
}

/// The target's side of a forwarded connection: its bytes and its end go back to the client.
private final class BackendHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    private let front: Channel

    init(front: Channel) { self.front = front }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        front.writeAndFlush(unwrapInboundIn(data), promise: nil)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case .inputClosed = event as? ChannelEvent { front.close(mode: .output, promise: nil) }
        context.fireUserInboundEventTriggered(event)
    }

    func channelInactive(context: ChannelHandlerContext) {
        front.close(promise: nil)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        context.close(promise: nil)
    }
}
