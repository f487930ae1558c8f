import DockerAPI
import Endpoints
import Foundation
import NIOConcurrencyHelpers
import NIOCore
import Transport

/// One engine as the shell sees it: its endpoint, its connections, its negotiated API version and
/// its health. Every command reaches an engine through here.
public final class HostSession: Sendable {
    public let endpoint: Endpoint
    let client: EngineClient
    private let status_ = NIOLockedValueBox(HostStatus())
    /// The first ping under way, shared by every request that needs the API version before it is pinned.
    private let firstPing = NIOLockedValueBox<Task<HostStatus, Never>?>(nil)
    /// How long a ping may take. An engine that accepts connections but never answers (stopped,
    /// wedged) must become a host that is down, not a wait that holds every command needing its
    /// version (the first ping is shared and no caller's timeout can cancel it).
    private let pingTimeout: Duration

    public init(endpoint: Endpoint, group: EventLoopGroup, connectTimeout: Duration) {
        self.endpoint = endpoint
        self.pingTimeout = connectTimeout
        let nanoseconds = connectTimeout.components.seconds * 1_000_000_000 + connectTimeout.components.attoseconds / 1_000_000_000
        self.client = EngineClient(endpoint: endpoint, group: group, connectTimeout: .nanoseconds(nanoseconds))
        if let pinned = endpoint.apiVersion {
            status_.withLockedValue { $0.apiVersion = pinned }
        }
    }

    public var name: String { endpoint.name }
    public var status: HostStatus { status_.withLockedValue { $0 } }

    /// Pings the engine (`HEAD /_ping`, falling back to `GET`), pins the API version on the first
    /// success, and records the outcome. Never throws: a failure is a state.
    @discardableResult
    public func ping() async -> HostStatus {
        let started = ContinuousClock.now
        do {
            let head = try await withDeadline(pingTimeout) { [self] in
                var reply = try await exchange(EngineRequests.ping(head: true), versioned: false)
                if reply.head.status != 200 {
                    reply = try await exchange(EngineRequests.ping(head: false), versioned: false)
                }
                guard reply.head.status == 200 else {
                    try Self.check(reply.head, body: reply.body, route: "/_ping")
                    throw EngineAPIError(status: reply.head.status, message: "the engine answered /_ping with \(reply.head.status)")
                }
                return reply.head
            }
            let elapsed = ContinuousClock.now - started
            return status_.withLockedValue { status in
                status.state = .up
                status.downSummary = nil
                status.roundTrip = Double(elapsed.components.attoseconds) / 1e18 + Double(elapsed.components.seconds)
                status.checkedAt = Date()
                if status.apiVersion == nil {
                    status.apiVersion = APIVersion.negotiate(serverHeader: head.headers.first("Api-Version")).description
                }
                if let server = head.headers.first("Server") {
                    status.engineVersion = Self.engineVersion(fromServerHeader: server)
                }
                return status
            }
        } catch is DeadlineExceeded {
            let seconds = pingTimeout.components.seconds
            return markDown(HostUnreachable(
                reason: "timed out after \(seconds) s: no answer to /_ping (is the engine stopped or overloaded?)", summary: "timeout"))
        } catch {
            return markDown(error)
        }
    }

    /// Records that the engine could not be reached, with the reason the user will read.
    @discardableResult
    public func markDown(_ error: Error) -> HostStatus {
        status_.withLockedValue { status in
            status.state = .down(reason: ErrorWords.describe(error))
            switch error {
            case let error as TransportError: status.downSummary = error.summary
            case let error as HostUnreachable: status.downSummary = error.summary
            default: status.downSummary = "down"
            }
            status.checkedAt = Date()
            return status
        }
    }

    /// Sends a short request and returns the body; an engine error becomes `EngineAPIError`.
    public func send(_ request: APIRequest, limit: Int = 64 * 1024 * 1024) async throws -> ByteBuffer {
        let reply = try await exchange(request, versioned: request.isVersioned, limit: limit)
        try Self.check(reply.head, body: reply.body, route: request.path)
        return reply.body
    }

    /// Sends a request and decodes its JSON answer.
    public func decode<T: Decodable>(_ type: T.Type, _ request: APIRequest) async throws -> T {
        let body = try await send(request)
        do {
            return try JSONDecoder().decode(T.self, from: Data(body.readableBytesView))
        } catch {
            throw EngineAPIError(status: 200, message: "unexpected answer from the engine to \(request.path): \(ErrorWords.describe(error))")
        }
    }

    /// Sends a request whose answer streams (logs, events, stats, pull, attach, exec) and hands the
    /// stream to `body` once the engine has accepted it.
    /// A streamed request body (`APIRequest.streamsBody`) is written by `sending`.
    public func stream<Result>(
        _ request: APIRequest,
        sending: (@Sendable (RequestBodyWriter) async throws -> Void)? = nil,
        _ body: (ResponseStream) async throws -> Result
    ) async throws -> Result {
        let version = try await negotiatedVersion()
        return try await noticingUnreachable {
            try await client.stream(httpRequest(request, version: request.isVersioned ? version : nil), sending: sending) { response in
                if response.head.status >= 300 && response.head.status != 101 {
                    let text = try await response.collect(upTo: 1024 * 1024)
                    try Self.check(response.head, body: text, route: request.path)
                }
                return try await body(response)
            }
        }
    }

    public func shutdown() async {
        await client.shutdown()
    }

    /// `reconnect`: drops the idle connections and pings on a new one, which reads the TLS files
    /// again (a replaced `ca.pem` is used from now on). Not for `fd://`: its one connection
    /// cannot be made again.
    @discardableResult
    public func reconnect() async -> HostStatus {
        if case .fd = endpoint.address {} else { await client.shutdown() }
        return await ping()
    }

    private func exchange(_ request: APIRequest, versioned: Bool, limit: Int = 64 * 1024 * 1024) async throws -> HTTPResponse {
        let version = versioned ? try await negotiatedVersion() : nil
        return try await noticingUnreachable {
            try await client.send(httpRequest(request, version: version), limit: limit)
        }
    }

    /// Keeps the host's state honest between health checks: a request that cannot reach the
    /// engine marks it down, one that gets through marks it up again.
    private func noticingUnreachable<Result>(_ body: () async throws -> Result) async throws -> Result {
        do {
            let result = try await body()
            if status.downReason != nil { status_.withLockedValue { $0.state = .up } }
            return result
        } catch let error as TransportError where error.isUnreachable {
            markDown(error)
            throw error
        }
    }

    /// Pings the host unless a ping is already under way or the version is pinned: start-up warms
    /// every host with this, and the first command waits for the same answer instead of asking twice.
    @discardableResult
    public func connect() async -> HostStatus {
        if status.apiVersion != nil, status.isUp { return status }
        let task = firstPing.withLockedValue { pending in
            if let pending { return pending }
            let task = Task { await self.ping() }
            pending = task
            return task
        }
        let status = await task.value
        firstPing.withLockedValue { if $0 == task { $0 = nil } }
        return status
    }

    /// The pinned version, negotiating it first if this host was never pinged.
    private func negotiatedVersion() async throws -> APIVersion? {
        if let pinned = status.apiVersion { return parsedVersion(pinned) }
        let status = await connect()
        if let reason = status.downReason { throw HostUnreachable(reason: reason, summary: status.downSummary ?? "down") }
        return status.apiVersion.flatMap { parsedVersion($0) }
    }

    /// The pinned version's text parsed once, not for every request (it cost as much as
    /// parsing the response's head).
    private let lastParsedVersion = NIOLockedValueBox<(text: String, version: APIVersion?)?>(nil)

    private func parsedVersion(_ text: String) -> APIVersion? {
        lastParsedVersion.withLockedValue { last in
            if let last, last.text == text { return last.version }
            let version = APIVersion(text)
            last = (text, version)
            return version
        }
    }

    private func httpRequest(_ request: APIRequest, version: APIVersion?) -> HTTPRequest {
        let basePath = if case .tcp(_, _, let path) = endpoint.address { path } else { "" }
        return HTTPRequest(
            method: request.method,
            target: request.target(apiVersion: version, basePath: basePath),
            headers: request.headers.map { HTTPHeader($0.name, $0.value) },
            body: request.body,
            upgradesToRawStream: request.upgradesToRawStream,
            streamsBody: request.streamsBody
        )
    }

    static func check(_ head: ResponseHead, body: ByteBuffer, route: String) throws {
        guard head.status >= 400 else { return }
        var message = EngineErrorMessage.describe(
            status: head.status, contentType: head.contentType, body: Array(body.readableBytesView), route: route)
        if message.contains("HTTP request to an HTTPS server") {
            message += " (the engine wants TLS: use --tlsverify and a cert path)"
        }
        throw EngineAPIError(status: head.status, message: message)
    }

    static func engineVersion(fromServerHeader server: String) -> String? {
        guard let slash = server.firstIndex(of: "/") else { return nil }
        let rest = server[server.index(after: slash)...]
        return String(rest.prefix { $0 != " " })
    }
}

/// The host could not be reached to send the request at all.
public struct HostUnreachable: Error, Sendable, CustomStringConvertible {
    public let reason: String
    /// A few words for narrow columns, as `HostStatus.downSummary`.
    public var summary = "down"
    public var description: String { reason }
}
