import DockerAPI
import Endpoints
import Foundation
import Testing
import Transport

/// A docker context with `SkipTLSVerify` and no `ca.pem` gives TLS settings with an empty CA file:
/// the connection is still TLS (with the client certificate), nothing is verified, no CA is loaded.
@Suite struct TLSSkipVerifyTests {
    @Test func emptyCAFileWithoutVerificationReachesTheEngine() async throws {
        let folder = try Fleet.certs("tls1")
        let settings = TLSSettings(caFile: "", certificateFile: folder + "/cert.pem",
                                   privateKeyFile: folder + "/key.pem", verify: false)
        let client = try FleetClient.make(try Fleet.tls1, tls: settings)
        let ping = try await client.call(EngineRequests.ping(head: false))
        #expect(ping.status == 200 && String(buffer: ping.body) == "OK")
        await client.shutdown()
    }

    @Test func noVerificationAlsoAcceptsAnEngineOfAnotherName() async throws {
        // Reached at 127.0.0.2, which its certificate does not name: without verification that is fine.
        let relay = try await TransportRelay.start(host: "127.0.0.2", to: try TLSFailureTests.tcpTarget(Fleet.tls1))
        let folder = try Fleet.certs("tls1")
        let settings = TLSSettings(caFile: "", certificateFile: folder + "/cert.pem",
                                   privateKeyFile: folder + "/key.pem", verify: false)
        let client = try FleetClient.make(relay.url, tls: settings)
        let ping = try await client.call(EngineRequests.ping(head: false))
        #expect(ping.status == 200)
        await client.shutdown()
        await relay.stop()
    }

    @Test func emptyCAFileWithVerificationIsAClearError() async throws {
        let folder = try Fleet.certs("tls1")
        let settings = TLSSettings(caFile: "", certificateFile: folder + "/cert.pem",
                                   privateKeyFile: folder + "/key.pem", verify: true)
        let client = try FleetClient.make(try Fleet.tls1, tls: settings)
        await #expect(throws: TransportError.self) { try await client.call(EngineRequests.ping()) }
        do {
            _ = try await client.call(EngineRequests.ping())
        } catch {
            #expect("\(error)" == "TLS: no ca.pem file given")
        }
    }

    @Test func contextWithSkipTLSVerifyAndNoCAThroughTheBinary() throws {
        let config = try Dmux.temporaryHome() + "/docker"
        let name = "skipper"
        let id = ContextStore.contextID(name)
        let meta = config + "/contexts/meta/\(id)"
        let tls = config + "/contexts/tls/\(id)/docker"
        try FileManager.default.createDirectory(atPath: meta, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: tls, withIntermediateDirectories: true)
        let engine = try Fleet.tls1
        try #"{"Name":"\#(name)","Metadata":{},"Endpoints":{"docker":{"Host":"\#(engine)","SkipTLSVerify":true}}}"#
            .write(toFile: meta + "/meta.json", atomically: true, encoding: .utf8)
        let folder = try Fleet.certs("tls1")
        for file in ["cert.pem", "key.pem"] {
            try FileManager.default.copyItem(atPath: folder + "/" + file, toPath: tls + "/" + file)
        }
        let result = try Dmux.run(["hosts", "--format", "json"], environment: ["DOCKER_CONFIG": config])
        let line = try #require(result.lines.first { $0.contains(#""host":"skipper""#) }, "\(result)")
        #expect(line.contains(#""tls":"no verify""#) && line.contains(#""state":"up""#), "\(result)")
    }
}
