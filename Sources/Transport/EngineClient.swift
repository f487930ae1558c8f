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
        var (connection, reused) = try await pool.lease()
        let response: ResponseStream
        while true {
            do {
                let leased = connection
                response = try await withTaskCancellationHandler {
                    try await leased.begin(request, sending: sending)
                } onCancel: {
                    leased.close()
                }
                break
            } catch {
                await pool.release(connection, reusable: false)
                // A kept connection can die just as a request goes out (the engine restarted or
                // dropped it while idle). Like Go's transport, send a replayable request once more
                // on a new connection; anything else would risk doing it twice.
                guard reused, request.isReplayable, !Task.isCancelled else { throw error }
                (connection, reused) = try await pool.lease(reuse: false)
            }
        }
        do {
            let leased = connection
            let (result, reusable) = try await withTaskCancellationHandler {
                let result = try await body(response)
                return (result, response.endedReusable && !request.upgradesToRawStream)
            } onCancel: {
                leased.close()
            }
            await pool.release(connection, reusable: reusable)
            return result
        } catch {
            await pool.release(connection, reusable: false)
            throw error
        }
    }

    /// Sends a request and returns its whole response, refusing bodies over `limit` bytes.
    public func send(_ request: HTTPRequest, limit: Int = 64 * 1024 * 1024) async throws -> HTTPResponse {
        try await stream(request) { response in
            HTTPResponse(head: response.head, body: try await response.collect(upTo: limit))
        }
    }

    /// Closes the idle connections; requests under way finish on their own.
    public func shutdown() async {
        await pool.shutdown()
    }
}

/// A complete response, for the short requests that are most of what dmux sends.
public struct HTTPResponse: Sendable {
    public var head: ResponseHead
    public var body: ByteBuffer

    public var status: Int { head.status }
}
