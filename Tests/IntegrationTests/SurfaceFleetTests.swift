import Foundation
import Testing
import TestSupport

/// The new container, network and volume commands fanned out over unix1, tls1 and tls2, with
/// what each engine then holds checked through the docker CLI.
@Suite struct SurfaceFleetTests {
    static let hosts = ["unix1", "tls1", "tls2"]

    static func host(_ line: String) -> String {
        String(line.prefix { $0 != " " })
    }

    @Test func createRenameUpdateWaitOnEveryHost() throws {
        let name = FleetDocker.uniqueName("surface"), renamed = FleetDocker.uniqueName("surface")
        defer { FleetDocker.removeEverywhere(name, renamed) }

        let created = try ThreeEngines.run("create --name \(name) --network none -l dmux-surface=1 \(Fleet.image) sh -c 'exit 7'")
        #expect(created.status == 0 && created.lines.count == 3, "\(created)")
        for line in created.lines {
            let engine = Self.host(line), id = String(line.split(separator: " ").last!)
            #expect(try FleetDocker.output(engine, ["inspect", "--format", "{{.Id}} {{.State.Status}}", name]) == "\(id) created")
        }

        let changed = try ThreeEngines.run("rename \(name) \(renamed); update --restart on-failure:2 --cpu-shares 512 \(renamed)")
        #expect(changed.status == 0, "\(changed)")
        for engine in Self.hosts {
            #expect(try FleetDocker.output(engine, ["inspect", "--format",
                "{{.HostConfig.RestartPolicy.Name}}:{{.HostConfig.RestartPolicy.MaximumRetryCount}} {{.HostConfig.CpuShares}}", renamed])
                == "on-failure:2 512")
        }
        let noFlags = try ThreeEngines.run("update \(renamed)")
        #expect(noFlags.status == 2 && noFlags.stderr == "you must provide one or more flags when using this command\n", "\(noFlags)")

        // `wait CONTAINER` is docker's; `wait` alone still joins the background jobs.
        let waited = try ThreeEngines.run("start \(renamed); wait \(renamed)")
        #expect(waited.status == 0, "\(waited)")
        #expect(Set(waited.lines.filter { $0.hasSuffix("| 7") }.map(Self.host)) == Set(Self.hosts), "\(waited)")
        let joined = try ThreeEngines.run("@unix1 wait \(renamed) &\nwait")
        #expect(joined.status == 0 && joined.stdout == "7\n", "\(joined)")
        let failedJob = try ThreeEngines.run("@unix1 wait no-such-container-here &\nwait")
        #expect(failedJob.status == 1 && failedJob.stderr.contains("wait: a background command failed (status 1)"), "\(failedJob)")
    }

    @Test func networksAndVolumesAreMadeAndRemovedOnEveryHost() throws {
        let network = FleetDocker.uniqueName("surface"), volume = FleetDocker.uniqueName("surface")
        // A container in `none` mode can join no other network: it starts in a network of its own.
        let container = FleetDocker.uniqueName("surface"), home = FleetDocker.uniqueName("surface")
        for engine in Self.hosts {
            try FleetDocker.run(engine, ["network", "create", home])
            try FleetDocker.run(engine, ["run", "-d", "--network", home, "--name", container, Fleet.image, "sleep", "300"])
        }
        defer {
            FleetDocker.remove(container, from: Self.hosts)
            for engine in Self.hosts {
                _ = try? FleetDocker.run(engine, ["network", "rm", network, home], allowFailure: true)
                _ = try? FleetDocker.run(engine, ["volume", "rm", volume], allowFailure: true)
            }
        }

        let made = try ThreeEngines.run("network create --internal --label dmux=1 \(network); volume create --label dmux=1 \(volume)")
        #expect(made.status == 0, "\(made)")
        for engine in Self.hosts {
            #expect(try FleetDocker.output(engine, ["network", "inspect", "--format", "{{.Internal}} {{.Labels}}", network]) == "true map[dmux:1]")
            #expect(try FleetDocker.output(engine, ["volume", "inspect", "--format", "{{.Labels}}", volume]) == "map[dmux:1]")
        }
        // A second create of the same name is refused by every engine (CheckDuplicate), not made twice.
        let again = try ThreeEngines.run("network create \(network)")
        #expect(again.status == 1 && again.stderr.contains("unix1: network with name \(network) already exists"), "\(again)")

        let connected = try ThreeEngines.run("network connect --alias web \(network) \(container)")
        #expect(connected.status == 0, "\(connected)")
        for engine in Self.hosts {
            #expect(try FleetDocker.output(engine, ["inspect", "--format",
                "{{range $k, $v := .NetworkSettings.Networks}}{{$k}} {{end}}", container]).contains(network))
        }
        let disconnected = try ThreeEngines.run("network disconnect \(network) \(container)")
        #expect(disconnected.status == 0, "\(disconnected)")

        let removed = try ThreeEngines.run("network rm \(network); volume rm \(volume)")
        #expect(removed.status == 0, "\(removed)")
        #expect(removed.lines.filter { $0.hasSuffix("| \(network)") }.count == 3, "\(removed)")
        #expect(removed.lines.filter { $0.hasSuffix("| \(volume)") }.count == 3, "\(removed)")
        for engine in Self.hosts {
            #expect(try FleetDocker.run(engine, ["network", "inspect", network], allowFailure: true).status != 0)
        }
    }

    @Test func attachIsOneHostsAndEndsWithTheContainersCode() throws {
        let name = FleetDocker.uniqueName("surface")
        defer { FleetDocker.removeEverywhere(name) }
        try FleetDocker.run("unix1", ["run", "-d", "--network", "none", "--name", name, Fleet.image,
                                      "sh", "-c", "sleep 1; echo out; echo err >&2; exit 5"])
        let attached = try ThreeEngines.run("@unix1 attach \(name)")
        #expect(attached.status == 5 && attached.stdout == "out\n" && attached.stderr == "err\n", "\(attached)")
        let many = try ThreeEngines.run("attach \(name)")
        #expect(many.status == 2 && many.stderr == "attach needs exactly one host, not 3 (pick one with @NAME)\n", "\(many)")
    }
}
