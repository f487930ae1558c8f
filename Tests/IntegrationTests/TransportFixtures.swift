import DockerAPI
import Endpoints
import Foundation
import Glibc
import NIOCore
import NIOPosix
import Transport
import TestSupport

/// Fleet engines reached straight through Transport (no shell, no FanOut), so a test sees exactly
/// what the transport does: its connections, its errors, its streams.
enum FleetClient {
    /// A client for `url` (`unix://`, `tcp://`, `fd://`), with TLS when `tls` is given.
    static func make(_ url: String, tls: TLSSettings? = nil, connectTimeout: TimeAmount = .seconds(10)) throws -> EngineClient {
        let address = try HostSyntax.parse(url, defaultToTLS: tls != nil)
        let endpoint = Endpoint(name: "test", source: .flag, address: address, tls: tls)
        return EngineClient(endpoint: endpoint, group: MultiThreadedEventLoopGroup.singleton, connectTimeout: connectTimeout)
    }

    /// The TLS settings of a machine of the fleet's docker-machine store (tls1, tls2).
    static func machineTLS(_ machine: String, verify: Bool = true) throws -> TLSSettings {
        let folder = try Fleet.certs(machine)
        return TLSSettings(caFile: folder + "/ca.pem", certificateFile: folder + "/cert.pem",
                           privateKeyFile: folder + "/key.pem", verify: verify)
    }

    /// A unix stream socket connected to `path`, as a parent process would pass it down.
    static func connectedSocket(to path: String) throws -> Int32 {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw SpawnError("socket: \(String(cString: strerror(errno)))") }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else { throw SpawnError("path too long: \(path)") }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard connected == 0 else {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw SpawnError("connect \(path): \(reason)")
        }
        return fd
    }
}

extension EngineClient {
    /// Sends an Engine API request unversioned (the engine's own version) and returns the whole answer.
    func call(_ request: APIRequest) async throws -> HTTPResponse {
        try await send(Self.http(request))
    }

    /// Sends a request whose answer must be 2xx JSON, and parses it.
    func json(_ request: APIRequest) async throws -> Any {
        let response = try await call(request)
        let body = String(buffer: response.body)
        guard (200..<300).contains(response.status) else {
            throw SpawnError("\(request.method) \(request.path): \(response.status) \(body)")
        }
        return try JSONSerialization.jsonObject(with: Data(body.utf8), options: [.fragmentsAllowed])
    }

    static func http(_ request: APIRequest) -> HTTPRequest {
        HTTPRequest(method: request.method, target: request.target(apiVersion: nil, basePath: ""),
                    headers: request.headers.map { HTTPHeader($0.name, $0.value) },
                    body: request.body, upgradesToRawStream: request.upgradesToRawStream)
    }
}

/// A container made for one test on a fleet engine: uniquely named, no network, removed by `remove()`.
struct TestContainer {
    let client: EngineClient
    let id: String

    /// Creates and starts `dmux-test/busybox` running `command`.
    static func start(on client: EngineClient, _ command: [String]) async throws -> TestContainer {
        let name = "t-transport-\(UUID().uuidString.prefix(8).lowercased())"
        let config = ContainerCreateConfig(image: Fleet.image, cmd: command,
                                           hostConfig: .init(networkMode: "none"))
        let created = try await client.json(EngineRequests.create(name: name, config: config))
        guard let id = (created as? [String: Any])?["Id"] as? String else { throw SpawnError("create: no Id in \(created)") }
        let container = TestContainer(client: client, id: id)
        let started = try await client.call(EngineRequests.start(id))
        guard started.status == 204 else {
            await container.remove()
            throw SpawnError("start \(name): \(started.status) \(String(buffer: started.body))")
        }
        return container
    }

    /// Waits for the container's process to exit and returns its exit code.
    func wait() async throws -> Int {
        let answer = try await client.json(EngineRequests.wait(id))
        guard let code = (answer as? [String: Any])?["StatusCode"] as? Int else { throw SpawnError("wait: \(answer)") }
        return code
    }

    func remove() async {
        _ = try? await client.call(EngineRequests.remove(id, force: true))
    }
}

/// The frames of a multiplexed stream, joined per stream in arrival order.
struct DemultiplexedOutput: Equatable, CustomStringConvertible {
    var frames: [StreamFrame] = []
    var stdout: String { text(.stdout) }
    var stderr: String { text(.stderr) }
    var description: String { "stdout \(stdout.debugDescription) stderr \(stderr.debugDescription)" }

    private func text(_ stream: StreamFrame.OutputStream) -> String {
        String(decoding: frames.filter { $0.stream == stream }.flatMap(\.payload), as: UTF8.self)
    }

    /// Reads `response` to its end through `StdcopyDemultiplexer`.
    static func read(_ response: ResponseStream) async throws -> DemultiplexedOutput {
        var demultiplexer = StdcopyDemultiplexer()
        var output = DemultiplexedOutput()
        while let piece = try await response.next() {
            output.frames += try demultiplexer.feed(piece.readableBytesView)
        }
        try demultiplexer.finish()
        return output
    }
}
