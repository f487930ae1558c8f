import Endpoints
import NIOCore
import TLS

/// Everything dmux needs to talk HTTP/1.1 to one engine, over whichever transport its endpoint names.
///
/// Requests run in the caller's task: reading on demand gives backpressure, and cancelling the
/// task closes the connection it was using (a half-read response cannot be reused), while the
/// pool keeps the others.
public final class EngineClient: Sendable {
    public let endpoint: Endpoint
    private let pool: ConnectionPool

    public init(endpoint: Endpoint, group: EventLoopGroup, connectTimeout: TimeAmount = .seconds(10)) {
        self.endpoint = endpoint
        var tls: TLSConfiguration?
        if let settings = endpoint.tls, case .tcp = endpoint.address {
            tls = TLSConfiguration(caFile: settings.caFile, certificateFile: settings.certificateFile,
                                   privateKeyFile: settings.privateKeyFile, verifyPeer: settings.verify)
        }
        // The TLS files are read when a connection is made (TLSContextCache), not here: a file
        // fixed or replaced after start-up is used by the next connection.
        self.pool = ConnectionPool(dialer: Dialer(address: endpoint.address, tls: tls, group: group, connectTimeout: connectTimeout))
    }

    /// Sends a request and hands its streaming response to `body`; the connection goes back to the
    /// pool only if `body` read the response to its end.
    public func stream<Result>(
        _ request: HTTPRequest,
        sending: (@Sendable (RequestBodyWriter) async throws -> Void)? = nil,
        _ body: (ResponseStream) async throws -> Result
    ) async throws -> Result {
        let (connection, response) = try await onSomeConnection(request) { connection, reused in
            try await connection.begin(request, reused: reused, sending: sending)
        }
        do {
            let (result, reusable) = try await withTaskCancellationHandler {
                let result = try await body(response)
                return (result, response.endedReusable && !request.upgradesToRawStream)
            } onCancel: {
                connection.close()
            }
            pool.release(connection, reusable: reusable)
            return result
        } catch {
            pool.release(connection, reusable: false)
            throw error
        }
    }

    /// Sends a request and returns its whole response, refusing bodies over `limit` bytes. The
    /// answer is read on the connection's event loop, in one hop there and one back.
    public func send(_ request: HTTPRequest, limit: Int = 64 * 1024 * 1024) async throws -> HTTPResponse {
        let (connection, collected) = try await onSomeConnection(request) { connection, reused in
            try await connection.exchange(request, limit: limit, reused: reused)
        }
        pool.release(connection, reusable: collected.reusable)
        return collected.response
    }

    /// Runs `start` (sending the request) on a leased connection, closing it if the task is
    /// cancelled, and returns the connection with what `start` returned; it stays leased.
    ///
    /// A kept connection can die while idle (the engine restarted or dropped it): found out before
    /// anything was sent, the request goes on another one. One that dies just as the request goes
    /// out gets a replayable request once more on a new connection, like Go's transport; anything
    /// else would risk doing it twice.
    private func onSomeConnection<Value>(
        _ request: HTTPRequest, _ start: (EngineConnection, _ reused: Bool) async throws -> Value
    ) async throws -> (EngineConnection, Value) {
        var (connection, reused) = try await pool.lease()
        while true {
            do {
                let leased = connection
                let value = try await withTaskCancellationHandler {
                    try await start(leased, reused)
                } onCancel: {
                    leased.close()
                }
                return (connection, value)
            } catch let failure as EngineConnection.Unanswered {
                pool.release(connection, reusable: false)
                if failure.stale {
                    (connection, reused) = try await pool.lease()
                    continue
                }
                guard reused, request.isReplayable, !Task.isCancelled else { throw failure.error }
                (connection, reused) = try await pool.lease(reuse: false)
            } catch {
                pool.release(connection, reusable: false)
                throw error
            }
        }
    }

    /// Closes the idle connections; requests under way finish on their own.
    public func shutdown() async {
        pool.shutdown()
    }
}

/// A complete response, for the short requests that are most of what dmux sends.
public struct HTTPResponse: Sendable {
    public var head: ResponseHead
    public var body: ByteBuffer

    public var status: Int { head.status }
}
