import DockerAPI
import Endpoints
import Foundation
import Glibc
import Testing
import Transport
import TestSupport

/// Every transport reaches a real engine and carries `/_ping`, `/version` and `/containers/json`,
/// both through Transport directly and through the real binary.
@Suite struct TransportFleetTests {
    /// The three requests of issue 2 on one client, checked for what only a real engine answers.
    private func expectAnswers(_ client: EngineClient, _ label: String) async throws {
        let ping = try await client.call(EngineRequests.ping(head: false))
        #expect(ping.status == 200, "\(label): /_ping \(ping.status)")
        #expect(String(buffer: ping.body) == "OK", "\(label)")
        #expect(ping.head.headers.first("Api-Version") == "1.41", "\(label)")

        let version = try #require(try await client.json(EngineRequests.version()) as? [String: Any], "\(label)")
        #expect(version["ApiVersion"] as? String == "1.41", "\(label): \(version)")
        #expect((version["Version"] as? String)?.hasPrefix("20.10") == true, "\(label): \(version)")

        let containers = try await client.json(EngineRequests.listContainers(all: true))
        #expect(containers is [Any], "\(label): /containers/json gave \(containers)")
    }

    @Test func unixSocket() async throws {
        let client = try FleetClient.make(try Fleet.unix1)
        try await expectAnswers(client, "unix1")
        await client.shutdown()
    }

    @Test func inheritedDescriptorInProcess() async throws {
        let fd = try FleetClient.connectedSocket(to: Fleet.path(try Fleet.unix1))
        let client = try FleetClient.make("fd://\(fd)")
        // Three requests on one inherited connection: the pool serialises them on it.
        try await expectAnswers(client, "fd://\(fd)")
        await client.shutdown()
    }

    @Test func inheritedDescriptorOfSocketpairCarriesHTTP() async throws {
        // The other end of a socketpair is a "server" that answers one request: fd:// takes any
        // connected stream socket, not only one connected to a path.
        var pair: [Int32] = [0, 0]
        #expect(socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &pair) == 0)
        let server = pair[1]
        defer { close(server) }
        let answer = Thread {
            var request = [UInt8](repeating: 0, count: 4096)
            _ = read(server, &request, request.count)
            var reply = Array("HTTP/1.1 200 OK\r\nApi-Version: 1.41\r\nContent-Length: 2\r\n\r\nOK".utf8)
            _ = write(server, &reply, reply.count)
        }
        answer.start()
        let client = try FleetClient.make("fd://\(pair[0])")
        let ping = try await client.call(EngineRequests.ping(head: false))
        #expect(ping.status == 200 && String(buffer: ping.body) == "OK")
        await client.shutdown()
    }

    @Test func tlsFromTheMachineStore() async throws {
        for machine in ["tls1", "tls2"] {
            let url = try machine == "tls1" ? Fleet.tls1 : Fleet.tls2
            let client = try FleetClient.make(url, tls: try FleetClient.machineTLS(machine))
            try await expectAnswers(client, machine)
            await client.shutdown()
        }
    }

    @Test func socketActivatedEngine() async throws {
        // The engine may still be cold: the first request waits for it, within the connect timeout.
        let client = try FleetClient.make(try Fleet.sock1, connectTimeout: .seconds(60))
        try await expectAnswers(client, "sock1")
        await client.shutdown()
    }

    @Test func firstRequestWaitsForTheColdStartOfASocketActivatedEngine() async throws {
        let engine = try SocketActivatedEngine()
        defer { engine.stop() }
        #expect(engine.command.hasPrefix("systemd-socket"), "cold: only the activator runs (\(engine.command))")
        let started = ContinuousClock.now
        let client = try FleetClient.make(engine.url, connectTimeout: .seconds(5))
        try await expectAnswers(client, "cold engine")
        let waited = ContinuousClock.now - started
        #expect(engine.command == "dockerd", "the first connection started dockerd in place (\(engine.command))")
        // The engine took its time to start, longer than a warm round trip, and the request waited for it.
        #expect(waited > .milliseconds(100), "answered after \(waited): was the engine really cold?")
        await client.shutdown()
    }

    // MARK: the real binary

    /// Runs `dmux … hosts --format json` and returns the JSON object of `host`.
    private func hostRecord(_ host: String, _ arguments: [String], environment: [String: String] = [:],
                            inherit: [Int32: Int32] = [:]) throws -> [String: Any] {
        let result = try Dmux.run(arguments + ["hosts", "--format", "json"], environment: environment, inherit: inherit)
        #expect(result.status == 0, "\(result)")
        for line in result.lines {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            if object?["host"] as? String == host { return object! }
        }
        throw SpawnError("no record for \(host): \(result)")
    }

    private func expectUp(_ record: [String: Any], transport: String, tls: String) {
        #expect(record["state"] as? String == "up", "\(record)")
        #expect(record["transport"] as? String == transport, "\(record)")
        #expect(record["tls"] as? String == tls, "\(record)")
        #expect(record["api"] as? String == "1.41", "\(record)")
        #expect((record["engine"] as? String)?.hasPrefix("20.10") == true, "\(record)")
    }

    @Test func binaryOverADescriptorPassedByItsParent() throws {
        let fd = try FleetClient.connectedSocket(to: Fleet.path(try Fleet.unix1))
        defer { close(fd) }
        let record = try hostRecord("f", ["-H", "f=fd://5"], inherit: [5: fd])
        expectUp(record, transport: "fd", tls: "none")
    }

    @Test func binaryOverUnixAndSocketActivation() throws {
        expectUp(try hostRecord("u1", ["-H", "u1=\(try Fleet.unix1)"]), transport: "unix", tls: "none")
        expectUp(try hostRecord("s1", ["-H", "s1=\(try Fleet.sock1)", "--timeout", "60s"]), transport: "unix", tls: "none")
    }

    @Test func binaryOverTLSFromTheMachineStore() throws {
        let environment = ["MACHINE_STORAGE_PATH": try Fleet.machineStore]
        expectUp(try hostRecord("tls1", [], environment: environment), transport: "tcp+tls", tls: "verify")
        expectUp(try hostRecord("tls2", [], environment: environment), transport: "tcp+tls", tls: "verify")
    }

    @Test func binaryOverTLSFromTheEnvironment() throws {
        let environment = [
            "DOCKER_HOST": try Fleet.tls1,
            "DOCKER_TLS_VERIFY": "1",
            "DOCKER_CERT_PATH": try Fleet.variable("DMUX_FLEET_TLS_CERTS"),
        ]
        expectUp(try hostRecord("env", [], environment: environment), transport: "tcp+tls", tls: "verify")
    }
}
