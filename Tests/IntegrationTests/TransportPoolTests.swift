import DockerAPI
import Foundation
import Testing
import Transport

/// The per-host pool against a real engine (unix1 behind a counting loopback relay): short requests
/// share one kept connection, a stream has its own, a cancelled stream closes its connection, and a
/// connection the engine said it would close is not used again.
@Suite struct TransportPoolTests {
    private func relayToUnix1() async throws -> TransportRelay {
        try await TransportRelay.start(to: .unix(path: Fleet.path(try Fleet.unix1)))
    }

    @Test func sequentialRequestsReuseOneConnection() async throws {
        let relay = try await relayToUnix1()
        let client = try FleetClient.make(relay.url)
        for index in 0..<200 {
            let request = index.isMultiple(of: 2) ? EngineRequests.ping(head: false) : EngineRequests.listContainers()
            let response = try await client.call(request)
            #expect(response.status == 200, "request \(index)")
        }
        #expect(relay.snapshot.accepted == 1, "\(relay.snapshot.accepted) connections for 200 requests")
        await client.shutdown()
        #expect(await relay.waitFor { $0.open == 0 }.open == 0, "shutdown closes the idle connection")
        await relay.stop()
    }

    @Test func aStreamHasItsOwnConnectionAndCancellingItClosesIt() async throws {
        let relay = try await relayToUnix1()
        let client = try FleetClient.make(relay.url)
        let (headArrived, signal) = AsyncStream<Int>.makeStream()
        let events = Task {
            try await client.stream(EngineClient.http(EngineRequests.events())) { response in
                signal.yield(response.head.status)
                while try await response.next() != nil {}
            }
        }
        var heads = headArrived.makeAsyncIterator()
        #expect(await heads.next() == 200)

        // Short requests keep going beside the open stream, all on one more connection.
        for _ in 0..<20 {
            #expect(try await client.call(EngineRequests.ping(head: false)).status == 200)
        }
        #expect(relay.snapshot.accepted == 2 && relay.snapshot.open == 2, "\(relay.snapshot)")

        events.cancel()
        let ended = await events.result
        #expect(throws: (any Error).self, "a cancelled stream does not end as if complete") { try ended.get() }
        let afterCancel = await relay.waitFor { $0.open == 1 }
        #expect(afterCancel.open == 1, "the stream's connection is closed: \(afterCancel)")

        // The next request still works, on the kept connection.
        #expect(try await client.call(EngineRequests.ping(head: false)).status == 200)
        #expect(relay.snapshot.accepted == 2, "\(relay.snapshot)")
        await client.shutdown()
        await relay.stop()
    }

    @Test func aResponseWithConnectionCloseIsNotReused() async throws {
        let relay = try await relayToUnix1()
        let client = try FleetClient.make(relay.url)
        #expect(try await client.call(EngineRequests.ping(head: false)).status == 200)
        #expect(relay.snapshot.accepted == 1)

        // Asking the engine to close makes it answer `Connection: close` and hang up after the response.
        var closing = EngineClient.http(EngineRequests.ping(head: false))
        closing.headers.append(HTTPHeader("Connection", "close"))
        let response = try await client.send(closing)
        #expect(response.status == 200)
        #expect(response.head.headers.first("Connection")?.lowercased() == "close", "\(response.head)")
        #expect(relay.snapshot.accepted == 1, "the closing request itself went on the kept connection")

        #expect(try await client.call(EngineRequests.ping(head: false)).status == 200)
        let after = await relay.waitFor { $0.open == 1 }
        #expect(after.accepted == 2 && after.open == 1, "a new connection replaced the closed one: \(after)")
        await client.shutdown()
        await relay.stop()
    }

    /// Found out before anything goes out, a kept connection the engine hung up on is no risk
    /// even to a POST (never sent twice): the request simply takes a new connection.
    @Test(arguments: [false, true]) func aConnectionTheEngineDroppedIsReplaced(post: Bool) async throws {
        let relay = try await relayToUnix1()
        let client = try FleetClient.make(relay.url)
        #expect(try await client.call(EngineRequests.ping(head: false)).status == 200)
        relay.dropConnections()
        #expect(await relay.waitFor { $0.open == 0 }.open == 0)
        try await Task.sleep(for: .milliseconds(100))  // the client has seen the hang-up by now

        // Twice: the kept connection is gone, and the pool must not hand it out again.
        for _ in 0..<2 {
            if post {
                let answer = try await client.call(EngineRequests.start("dmux-no-such-container"))
                #expect(answer.status == 404, "the engine answered the POST: \(answer.status)")
            } else {
                #expect(try await client.call(EngineRequests.ping(head: false)).status == 200)
            }
        }
        #expect(relay.snapshot.accepted == 2, "\(relay.snapshot)")
        await client.shutdown()
        await relay.stop()
    }

    @Test func aGETOnAConnectionDroppedAsItGoesOutIsSentAgain() async throws {
        // The engine hangs up just before each request, too late for the pool to notice: the kept
        // connection fails before any answer, and a replayable request is sent once more on a new one.
        let relay = try await relayToUnix1()
        let client = try FleetClient.make(relay.url)
        var failures: [String] = []
        for _ in 0..<50 {
            #expect(try await client.call(EngineRequests.ping(head: false)).status == 200)
            relay.dropConnections()
            do {
                let containers = try await client.call(EngineRequests.listContainers())
                #expect(containers.status == 200)
            } catch {
                failures.append("\(error)")
            }
        }
        #expect(failures.isEmpty, "\(failures.count) of 50 failed: \(failures.first ?? "")")
        await client.shutdown()
        await relay.stop()
    }
}
