import DockerAPI
import Endpoints
import Foundation
import NIOCore
import Testing
import Transport

/// The two streams that are not plain HTTP bodies, on real engines: a container's multiplexed logs,
/// and an exec through the hijack with stdin half-closed, over a unix socket and over TLS.
@Suite struct TransportStreamTests {
    enum Engine: String, CaseIterable, CustomTestStringConvertible {
        case unix1, tls1
        var testDescription: String { rawValue }

        func client() throws -> EngineClient {
            switch self {
            case .unix1: try FleetClient.make(try Fleet.unix1)
            case .tls1: try FleetClient.make(try Fleet.tls1, tls: try FleetClient.machineTLS("tls1"))
            }
        }
    }

    @Test(arguments: Engine.allCases)
    func multiplexedLogsAreDecoded(engine: Engine) async throws {
        let client = try engine.client()
        let container = try await TestContainer.start(
            on: client, ["sh", "-c", "echo out one; echo err one >&2; echo out two; printf 'err two\\n' >&2"])
        do {
            #expect(try await container.wait() == 0)
            let output = try await client.stream(EngineClient.http(EngineRequests.containerLogs(container.id))) { response in
                #expect(response.head.status == 200)
                return try await DemultiplexedOutput.read(response)
            }
            #expect(output.stdout == "out one\nout two\n", "\(output)")
            #expect(output.stderr == "err one\nerr two\n", "\(output)")
            // One frame per line: each echo is one write, and docker logs a line per frame.
            #expect(output.frames.count == 4, "\(output.frames)")
        } catch {
            await container.remove()
            throw error
        }
        await container.remove()
        await client.shutdown()
    }

    @Test(arguments: Engine.allCases)
    func execThroughTheHijackWithStdinHalfClosed(engine: Engine) async throws {
        let client = try engine.client()
        let container = try await TestContainer.start(on: client, ["sleep", "300"])
        do {
            let created = try await client.json(EngineRequests.createExec(
                container.id, cmd: ["sh", "-c", "cat; echo 'stdin ended' >&2; exit 3"], stdin: true))
            let execID = try #require((created as? [String: Any])?["Id"] as? String)
            let output = try await client.stream(EngineClient.http(EngineRequests.startExec(execID))) { response in
                #expect(response.head.status == 101, "\(response.head)")
                #expect(response.head.headers.first("Upgrade") == "tcp")
                var input = ByteBuffer(string: "hello\nthrough the hijack\n")
                try await response.write(input)
                input = ByteBuffer(string: "last line without newline")
                try await response.write(input)
                // `cat` only ends when it sees end of input: the half-close must reach the process.
                try await response.finishWriting()
                return try await DemultiplexedOutput.read(response)
            }
            #expect(output.stdout == "hello\nthrough the hijack\nlast line without newline", "\(output)")
            #expect(output.stderr == "stdin ended\n", "\(output)")

            // The engine records the exit code as the stream ends; like the docker CLI, ask until it has.
            var inspected: [String: Any] = [:]
            for _ in 0..<50 {
                inspected = try #require(try await client.json(EngineRequests.inspectExec(execID)) as? [String: Any])
                if inspected["Running"] as? Bool == false { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(inspected["ExitCode"] as? Int == 3, "\(inspected)")
            #expect(inspected["Running"] as? Bool == false, "\(inspected)")
            // The hijacked connection is never reused; the next request gets a fresh one and works.
            let ping = try await client.call(EngineRequests.ping(head: false))
            #expect(ping.status == 200)
        } catch {
            await container.remove()
            throw error
        }
        await container.remove()
        await client.shutdown()
    }
}
