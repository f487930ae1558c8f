import Foundation
import Testing

/// The prune family against the real fleet, every prune narrowed by a label only this test
/// puts on its objects, so the other suites' containers, networks and volumes are never touched.
/// One at a time: an engine refuses a prune while another runs ("a prune operation is already running").
@Suite(.serialized) struct PruneCommandTests {
    static let hosts = ["unix1", "tls1", "tls2"]

    /// Two exited containers with `label` on each engine; their IDs by engine.
    static func exitedContainers(_ label: String, on engines: [String] = hosts) throws -> [String: [String]] {
        var ids: [String: [String]] = [:]
        for engine in engines {
            for _ in 0..<2 {
                ids[engine, default: []].append(try FleetDocker.output(engine, [
                    "create", "--network", "none", "--label", label, Fleet.image, "true",
                ]))
            }
        }
        return ids
    }

    static func remaining(_ label: String, on engine: String) throws -> [String] {
        try FleetDocker.output(engine, ["ps", "-aq", "--no-trunc", "--filter", "label=\(label)"]).split(separator: "\n").map(String.init)
    }

    @Test func containerPruneWithoutForceInBatchModeRefusesAndRemovesNothing() throws {
        let label = "dmux-prune=" + FleetDocker.uniqueName("prune")
        let ids = try Self.exitedContainers(label)
        defer { for engine in Self.hosts { for id in ids[engine] ?? [] { FleetDocker.remove(id, from: [engine]) } } }

        let refused = try ThreeEngines.run("container prune --filter label=\(label)")
        #expect(refused.status == 2, "\(refused)")
        #expect(refused.stdout.isEmpty, "\(refused)")
        #expect(refused.stderr == "container prune: not asking without a terminal (stdin is not a TTY); add -f/--force to prune without confirmation\n",
                "\(refused)")
        for engine in Self.hosts { #expect(try Self.remaining(label, on: engine).count == 2) }
    }

    @Test func containerPruneReportsEachHostAndTheTotal() throws {
        let label = "dmux-prune=" + FleetDocker.uniqueName("prune")
        let ids = try Self.exitedContainers(label)
        defer { for engine in Self.hosts { for id in ids[engine] ?? [] { FleetDocker.remove(id, from: [engine]) } } }

        let pruned = try ThreeEngines.run("container prune -f --filter label=\(label)")
        #expect(pruned.status == 0, "\(pruned)")
        for engine in Self.hosts {
            let pad = engine.padding(toLength: 5, withPad: " ", startingAt: 0)
            let block = pruned.lines.filter { $0.hasPrefix(pad + " | ") }.map { String($0.dropFirst(8)) }
            // The engine lists what it deleted in its own order: the set is what counts.
            #expect(block.first == "Deleted Containers:", "\(pruned)")
            #expect(Set(block.dropFirst().prefix(2)) == Set(ids[engine]!), "\(pruned)")
            #expect(Array(block.dropFirst(3)) == ["", "Total reclaimed space: 0B"], "\(pruned)")
            #expect(try Self.remaining(label, on: engine).isEmpty)
        }
        #expect(pruned.lines.last == "Total reclaimed space on 3 hosts: 0B", "\(pruned)")
    }

    /// docker's own output, on one host, with the IDs (which differ) put aside.
    @Test func onOneHostThePruneReportIsDockers() async throws {
        let label = "dmux-prune=" + FleetDocker.uniqueName("prune")
        let ours = try Self.exitedContainers(label, on: ["unix1"])["unix1"]!
        let dmux = try ThreeEngines.run("@unix1 container prune -f --filter label=\(label)")
        let theirs = try Self.exitedContainers(label, on: ["unix1"])["unix1"]!
        let docker = try FleetDocker.run("unix1", ["container", "prune", "-f", "--filter", "label=\(label)"])
        func masked(_ text: String, _ ids: [String]) -> String {
            ids.reduce(text) { $0.replacingOccurrences(of: $1, with: "ID") }
        }
        #expect(dmux.status == 0 && docker.status == 0)
        #expect(masked(dmux.stdout, ours) == masked(docker.stdout, theirs), "dmux:\n\(dmux)\ndocker:\n\(docker)")
        #expect(masked(dmux.stdout, ours) == "Deleted Containers:\nID\nID\n\nTotal reclaimed space: 0B\n", "\(dmux)")

        // Nothing left to prune: docker prints only the total.
        let empty = try await DockerParity.compare("unix1", ["container", "prune", "-f", "--filter", "label=\(label)"])
        #expect(empty.matches, "\(empty)")
        #expect(empty.dmux.stdout == "Total reclaimed space: 0B\n")
        for group in [["image"], ["image", "-a"], ["network"], ["volume"], ["system"], ["system", "-a", "--volumes"]] {
            let nothing = try await DockerParity.compare("unix1", [group[0], "prune"] + group.dropFirst() + ["-f", "--filter", "label=\(label)"])
            #expect(nothing.matches, "\(nothing)")
        }
    }

    @Test func networkAndVolumePruneRemoveOnlyWhatTheFilterNames() throws {
        let label = "dmux-prune=" + FleetDocker.uniqueName("prune")
        let keep = FleetDocker.uniqueName("prune-keep")
        var volumes: [String: String] = [:]
        for engine in Self.hosts {
            volumes[engine] = try FleetDocker.output(engine, ["volume", "create", "--label", label])
            try FleetDocker.run(engine, ["volume", "create", keep])
        }
        defer { for engine in Self.hosts { _ = try? FleetDocker.run(engine, ["volume", "rm", keep, volumes[engine]!], allowFailure: true) } }

        let pruned = try ThreeEngines.run("volume prune -f --filter label=\(label)")
        #expect(pruned.status == 0, "\(pruned)")
        for engine in Self.hosts {
            let pad = engine.padding(toLength: 5, withPad: " ", startingAt: 0)
            #expect(pruned.lines.contains("\(pad) | \(volumes[engine]!)"), "\(pruned)")
            #expect(try FleetDocker.run(engine, ["volume", "inspect", keep], allowFailure: true).status == 0)
            #expect(try FleetDocker.run(engine, ["volume", "inspect", volumes[engine]!], allowFailure: true).status != 0)
        }
        // API 1.41 engines remove named volumes too; docker's `-a` needs 1.42, and says so per host.
        let all = try ThreeEngines.run("@unix1,tls1 volume prune -a -f --filter label=\(label)")
        #expect(all.status == 1, "\(all)")
        #expect(all.stderr.contains("unix1: \"--all\" requires API version 1.42, but the Docker daemon API version is 1.41\n"), "\(all)")

        let networks = try ThreeEngines.run("network prune -f --filter label=\(label)")
        #expect(networks.status == 0 && networks.stdout.isEmpty, "\(networks)")
    }

    @Test func systemPruneRunsDockersStepsAndChecksItsFilters() throws {
        let label = "dmux-prune=" + FleetDocker.uniqueName("prune")
        let ids = try Self.exitedContainers(label, on: ["unix1", "tls1"])
        defer { for (engine, list) in ids { for id in list { FleetDocker.remove(id, from: [engine]) } } }

        let refused = try ThreeEngines.run("system prune -f --volumes --filter until=1h")
        #expect(refused.status == 2, "\(refused)")
        #expect(refused.stderr == "ERROR: The \"until\" filter is not supported with \"--volumes\"\n", "\(refused)")

        let pruned = try ThreeEngines.run("@unix1,tls1 system prune -f --filter label=\(label)")
        #expect(pruned.status == 0, "\(pruned)")
        for engine in ["unix1", "tls1"] {
            #expect(pruned.lines.contains("\(engine.padding(toLength: 5, withPad: " ", startingAt: 0)) | Deleted Containers:"), "\(pruned)")
            #expect(try Self.remaining(label, on: engine).isEmpty)
        }
        #expect(pruned.lines.last?.hasPrefix("Total reclaimed space on 2 hosts: ") == true, "\(pruned)")

        let json = try ThreeEngines.run("@unix1 system prune -f --format json --filter label=\(label)")
        #expect(json.status == 0, "\(json)")
        #expect(json.lines.count == 1 && json.lines[0].hasPrefix(#"{"host":"unix1","containers":{"#), "\(json)")
    }
}
