import Core
import Endpoints
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import TLS

/// Opens connections to one engine address: unix socket, inherited descriptor, TCP, TCP with TLS,
/// or SSH (handed to `SSHDialer`).
///
/// It knows how to reach an engine and nothing about Docker. A connection counts as open only once
/// it is ready for requests, so TLS failures surface here, naming the certificate at fault.
struct Dialer: Sendable {
    let address: EngineAddress
    /// Looked up in `TLSContextCache` for each new connection, so replaced certificate files
    /// take effect on the next connection instead of never.
    let tls: TLSConfiguration?
    let group: EventLoopGroup
    let connectTimeout: TimeAmount

    var hostHeader: String {
        switch address {
        case .tcp(let host, let port, _): GoNet.joinHostPort(host, port)
        default: "docker"
        }
    }

    func connect() async throws -> EngineConnection {
        if case .ssh(let destination) = address {
            return try await SSHDialer(destination: destination, settings: .process, group: group, connectTimeout: connectTimeout).connect()
        }
        let url = address.description
        let opened: Opened
        do {
            opened = try await open(tls: tls.map(TLSContextCache.context(for:)))
        } catch {
            throw TransportError.connecting(error, address: url)
        }
        do {
            try await opened.ready.futureResult.withTimeout(connectTimeout, on: opened.channel.eventLoop).get()
            return EngineConnection(channel: opened.channel, reader: opened.reader, address: url, hostHeader: hostHeader)
        } catch {
            opened.channel.close(promise: nil)
            throw TransportError.connecting(error, address: url)
        }
    }

    /// How many written bytes the kernel may not yet have taken before a streamed request body
    /// waits (`RequestBodyWriter`): enough to keep an engine busy between two pieces, bounded
    /// whatever the body's size.
    static let writeBufferWaterMark = ChannelOptions.Types.WriteBufferWaterMark(low: 512 * 1024, high: 2 << 20)

    private struct Opened: Sendable {
        let channel: Channel
        let reader: NIOLoopBound<PullReadHandler>
        let ready: EventLoopPromise<Void>
    }

    private func open(tls: TLSClientContext?) async throws -> Opened {
        let eventLoop = group.next()
        let ready = eventLoop.makePromise(of: Void.self)
        let serverName: String? = if case .tcp(let host, _, _) = address { host } else { nil }
        // Kept as each channel is set up: a channel whose TLS handshake fails at once is closed, and
        // its handlers gone, before a lookup after `connect` could find them.
        let readers = NIOLockedValueBox<[ObjectIdentifier: NIOLoopBound<PullReadHandler>]>([:])
        let bootstrap = ClientBootstrap(group: eventLoop)
            .connectTimeout(connectTimeout)
            .channelOption(.allowRemoteHalfClosure, value: true)
            .channelOption(.writeBufferWaterMark, value: Self.writeBufferWaterMark)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let tls, let serverName {
                        try channel.pipeline.syncOperations.addHandler(TLSClientHandler(context: tls, serverHostname: serverName))
                    }
                    let reader = PullReadHandler(ready: ready, waitsForHandshake: tls != nil)
                    try channel.pipeline.syncOperations.addHandler(reader)
                    readers.withLockedValue { $0[ObjectIdentifier(channel)] = NIOLoopBound(reader, eventLoop: channel.eventLoop) }
                }
            }
        let channel: Channel
        do {
            switch address {
            case .unix(let path):
                channel = try await bootstrap.connect(unixDomainSocketPath: path).get()
            case .tcp(let host, let port, _):
                // An IP address (docker-machine's URLs carry one) needs neither getaddrinfo nor Happy Eyeballs.
                if let literal = try? SocketAddress(ipAddress: host, port: port) {
                    channel = try await bootstrap.connect(to: literal).get()
                } else {
                    channel = try await bootstrap.connect(host: host, port: port).get()
                }
            case .fd(let descriptor):
                try InheritedSocket.validate(descriptor)
                channel = try await bootstrap.withConnectedSocket(descriptor).get()
            case .ssh:
                preconditionFailure("ssh:// is dialled by SSHDialer")
            }
        } catch {
            ready.fail(error)
            throw error
        }
        let reader = readers.withLockedValue { $0[ObjectIdentifier(channel)] }!
        return Opened(channel: channel, reader: reader, ready: ready)
    }
}

extension EventLoopFuture where Value == Void {
    /// Fails with a connect timeout unless this completes within `timeout`: the TLS handshake has
    /// its own deadline, because a peer that accepts but never answers must not hang the host.
    func withTimeout(_ timeout: TimeAmount, on eventLoop: EventLoop) -> EventLoopFuture<Void> {
        let promise = eventLoop.makePromise(of: Void.self)
        let timer = eventLoop.scheduleTask(in: timeout) {
            promise.fail(ChannelError.connectTimeout(timeout))
        }
        whenComplete { result in
            timer.cancel()
            promise.completeWith(result)
        }
        return promise.futureResult
    }
}
