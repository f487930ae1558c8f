#if canImport(Glibc)
import Glibc
#endif
import Endpoints
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

/// Opens an engine connection over SSH: a child `ssh` that joins the host's control master and
/// runs `docker system dial-stdio` there, its stdin and stdout made a NIO channel, so the engine's
/// HTTP/1.1 flows through it exactly as over a socket (docker/cli cli/connhelper/commandconn).
///
/// The child costs no handshake (the master holds the login); when it fails, its stderr is the
/// reason, read once the connection has ended without an answer.
struct SSHDialer: Sendable {
    let destination: SSHDestination
    let settings: SSHSettings
    let group: EventLoopGroup
    let connectTimeout: TimeAmount

    func connect() async throws -> EngineConnection {
        let url = destination.description
        let seconds = Int((connectTimeout.nanoseconds + 999_999_999) / 1_000_000_000)
        let master = SSHMaster.shared(for: destination, settings: settings)
        do {
            try await master.ensureRunning(connectTimeout: seconds)
        } catch {
            throw TransportError.connecting(error, address: url)
        }
        let argv = settings.arguments(for: destination, connectTimeout: seconds, control: master.clientOptions)
            + ["--", destination.host, SSHRemoteCommand.line(destination.remoteCommand)]

        var toChild: [Int32] = [0, 0]
        var fromChild: [Int32] = [0, 0]
        guard SSHProcess.makePipe(&toChild) else { throw spawnFailure("cannot create a pipe", url) }
        guard SSHProcess.makePipe(&fromChild) else {
            close(toChild[0]); close(toChild[1])
            throw spawnFailure("cannot create a pipe", url)
        }
        let process: SSHProcess
        do {
            process = try SSHProcess(argv, stdin: toChild[0], stdout: fromChild[1])
        } catch {
            for fd in toChild + fromChild { close(fd) }
            throw TransportError(.sshFailed(reason: error.reason), address: url)
        }
        close(toChild[0])
        close(fromChild[1])

        let eventLoop = group.next()
        let ready = eventLoop.makePromise(of: Void.self)
        let reader = NIOLockedValueBox<NIOLoopBound<PullReadHandler>?>(nil)
        let channel: Channel
        do {
            channel = try await NIOPipeBootstrap(group: eventLoop)
                .channelOption(.allowRemoteHalfClosure, value: true)
                .channelOption(.writeBufferWaterMark, value: Dialer.writeBufferWaterMark)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        let handler = PullReadHandler(ready: ready, waitsForHandshake: false)
                        try channel.pipeline.syncOperations.addHandler(handler)
                        reader.withLockedValue { $0 = NIOLoopBound(handler, eventLoop: channel.eventLoop) }
                    }
                }
                .takingOwnershipOfDescriptors(input: fromChild[0], output: toChild[1])
                .get()
        } catch {
            process.terminate()
            ready.fail(error)
            throw TransportError.connecting(error, address: url)
        }
        // However the connection ends (engine, pool, cancellation), the child goes with it.
        channel.closeFuture.whenComplete { _ in process.terminate() }
        return EngineConnection(
            channel: channel, reader: reader.withLockedValue { $0! }, address: url, hostHeader: "docker",
            diagnosis: {
                // A child that failed exits at once; one that is still running has said nothing.
                guard let exit = await process.exit(within: 2), exit.status != 0 || !exit.stderr.isEmpty else { return nil }
                return SSHFailure.describe(stderr: exit.stderr, status: exit.status)
            })
    }

    private func spawnFailure(_ what: String, _ url: String) -> TransportError {
        TransportError(.sshFailed(reason: "\(what): \(String(cString: strerror(errno)))"), address: url)
    }
}
