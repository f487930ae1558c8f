import DockerAPI
import Endpoints
import FanOut
import Foundation
import NIOPosix
import Testing
@testable import Shell

/// Live container names through the real fleet: two engines hold a container of the same name,
/// one holds another, and a black-holed host must not hold the keyboard past the deadline.
@Suite struct CompletionLiveCacheTests {
    static let table = CommandTable([
        CommandSpec(name: "logs", summary: "Logs", scope: .engines,
                    arguments: [ArgumentSpec("CONTAINER", completion: .container)]) { _ in },
        CommandSpec(name: "run", summary: "Run", scope: .engines,
                    arguments: [ArgumentSpec("IMAGE", completion: .image)]) { _ in },
    ])

    static func fleet(_ name: String) throws -> String {
        guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else {
            throw FleetMissing(description: "\(name) is not set: start the fleet (scripts/fleet/start; source /tmp/dmux-fleet/env)")
        }
        return value
    }

    struct FleetMissing: Error, CustomStringConvertible { let description: String }

    /// u1 (unix), tls1 and tls2 (machine store, TLS) and a host nothing answers.
    static func makeShell() throws -> Shell {
        let options = DiscoveryOptions(
            hostFlags: ["u1=\(try fleet("DMUX_FLEET_UNIX1"))", "dead=tcp://10.255.255.1:2376"],
            environment: ["MACHINE_STORAGE_PATH": try fleet("MACHINE_STORAGE_PATH")],
            homeDirectory: NSTemporaryDirectory(), includeContexts: false)
        let registry = HostRegistry(group: MultiThreadedEventLoopGroup.singleton)
        for endpoint in EndpointDiscovery.discover(options).endpoints {
            try registry.add(endpoint, connectTimeout: .seconds(5))
        }
        return Shell(registry: registry, console: CapturingConsole(), settings: ShellSettings(), environment: [:], commands: table)
    }

    /// The REPL calls completion on the editor thread; do the same (it may block up to the deadline).
    static func onThread(_ body: @escaping @Sendable () -> [String]) async -> [String] {
        await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: body()) }.start()
        }
    }

    @Test func namesFromTwoHostsOnceWithinTheDeadlineWhileOneHostIsDead() async throws {
        let shell = try Self.makeShell()
        let prefix = "t-repl-\(UInt32.random(in: 0...UInt32.max))"
        let shared = prefix + "-both", single = prefix + "-tls1"
        let u1 = try #require(shell.registry.session(named: "u1"))
        let tls1 = try #require(shell.registry.session(named: "tls1"))
        let config = ContainerCreateConfig(image: "dmux-test/busybox:latest", cmd: ["true"], hostConfig: .init(networkMode: "none"))
        var created: [(HostSession, String)] = []
        defer {
            let doomed = created
            let done = DispatchSemaphore(value: 0)
            Task { for (host, name) in doomed { _ = try? await host.send(EngineRequests.remove(name, force: true)) }; done.signal() }
            done.wait()
        }
        for (host, name) in [(u1, shared), (tls1, shared), (tls1, single)] {
            _ = try await host.send(EngineRequests.create(name: name, config: config))
            created.append((host, name))
        }

        let completion = ShellCompletion(shell: shell)
        let started = ContinuousClock.now
        let cold = await Self.onThread { completion.completions(line: "logs \(prefix)", cursor: 5 + prefix.count) }
        let elapsed = ContinuousClock.now - started
        #expect(cold == [shared, single])
        #expect(elapsed < .seconds(2), "the first Tab waited \(elapsed)")

        // Warm: answered from the cache at once, and a target expression narrows the hosts.
        let warmStart = ContinuousClock.now
        let narrowed = await Self.onThread { completion.completions(line: "@u1 logs \(prefix)", cursor: 9 + prefix.count) }
        #expect(narrowed == [shared])
        #expect(ContinuousClock.now - warmStart < .milliseconds(100))

        // `__complete`'s path: async, fetching what is stale, bounded by the same deadline.
        let fresh = ShellCompletion(shell: shell)
        let images = await fresh.completionsFetchingLive(line: "run dmux-test/", cursor: 14)
        #expect(images == ["dmux-test/busybox:latest"])
    }
}
