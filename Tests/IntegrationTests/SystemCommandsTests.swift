import Foundation
import Testing

@Suite(.serialized) struct SystemCommandsTests {
    /// The grouped shape's heading for `hosts`: a rule, the names and count, a rule.
    static func heading(_ hosts: String) -> [String] {
        let rule = String(repeating: "-", count: max(15, hosts.count))
        return [rule, hosts, rule]
    }

    @Test func infoTemplateFoldsHostsThatAgree() throws {
        let version = try FleetDocker.output("unix1", ["info", "--format", "{{.ServerVersion}}"])
        let result = try ThreeEngines.run("info --format '{{.ServerVersion}}'")
        #expect(result.status == 0 && result.stderr == "", "\(result)")
        #expect(result.lines == Self.heading("unix1,tls1,tls2 (3)") + [version], "\(result)")
    }

    @Test func infoShowsEachHostsServerSection() throws {
        let result = try ThreeEngines.run("info")
        #expect(result.status == 0 && result.stderr == "", "\(result)")
        // Names and IDs differ, so no two hosts fold.
        for host in ["unix1", "tls1", "tls2"] {
            #expect(result.stdout.contains(Self.heading("\(host) (1)").joined(separator: "\n") + "\nServer:\n Containers: "), "\(result)")
        }
        let rootDir = try FleetDocker.output("tls2", ["info", "--format", "{{.DockerRootDir}}"])
        #expect(result.stdout.contains(" Docker Root Dir: \(rootDir)\n"), "\(result)")

        let json = try ThreeEngines.run("@tls1,tls2 info --format json")
        #expect(json.status == 0 && json.lines.count == 2, "\(json)")
        #expect(json.lines[0].hasPrefix(#"{"host":"tls1","ID":""#) && json.lines[1].hasPrefix(#"{"host":"tls2","ID":""#), "\(json)")
    }

    /// The engine's warnings go to stderr, as docker writes them (with the host's name when
    /// several hosts are targeted); the json shape keeps them in the object.
    @Test func infoWarningsGoToStderr() async throws {
        let warning = "WARNING: No swap limit support"
        let info = #"{"ID":"F","Name":"fake","OSType":"linux","ServerVersion":"20.10.24","Warnings":["\#(warning)"]}"#
        try await HostilePeer.with({ _, responder in try await responder.reply(json: info) }) { fake in
            let text = try await HostilePeer.run("@fake info", on: fake)
            #expect(text.status == 0 && !text.stdout.contains("WARNING") && text.stderr == "\(warning)\n", "\(text)")
            #expect(text.stdout.contains(" Server Version: 20.10.24\n"), "\(text)")
            let json = try await HostilePeer.run("@fake info --format json", on: fake)
            #expect(json.status == 0 && json.stderr == "" && json.stdout.contains(warning), "\(json)")
        }
    }

    @Test func versionIsGroupedAndMatchesDockersServerEngineLines() throws {
        let docker = try FleetDocker.output("tls1", ["version", "--format", "{{.Server.Version}} {{.Server.APIVersion}} {{.Server.GitCommit}}"])
        let parts = docker.split(separator: " ").map(String.init)
        let result = try ThreeEngines.run("version")
        #expect(result.status == 0 && result.stderr == "", "\(result)")
        #expect(Array(result.lines.prefix(6)) == Self.heading("unix1,tls1,tls2 (3)") + ["Server:", " Engine:", "  Version:          \(parts[0])"], "\(result)")
        #expect(result.lines.contains("  API version:      \(parts[1]) (minimum version 1.12)"), "\(result)")
        #expect(result.lines.contains("  Git commit:       \(parts[2])"), "\(result)")

        let template = try ThreeEngines.run("@unix1,tls2 version --format '{{.Server.Version}}/{{.ApiVersion}}'")
        #expect(template.lines == Self.heading("unix1,tls2 (2)") + ["\(parts[0])/\(parts[1])"], "\(template)")

        let json = try ThreeEngines.run("version --format json")
        #expect(json.status == 0 && json.lines.count == 3, "\(json)")
        for (line, host) in zip(json.lines, ["unix1", "tls1", "tls2"]) {
            #expect(line.hasPrefix(#"{"host":"\#(host)","Platform":"#) && line.contains(#""Version":"\#(parts[0])""#), "\(json)")
        }
    }

    @Test func inspectOfAContainerOnOneHostFailsTheOther() throws {
        let name = FleetDocker.uniqueName("sys")
        let ids = try FleetDocker.create(name, on: ["unix1"])
        defer { FleetDocker.remove(name, from: ["unix1"]) }

        let result = try ThreeEngines.run("@unix1,tls2 inspect \(name)")
        #expect(result.status == 1, "\(result)")
        #expect(result.stderr == "tls2: No such object: \(name)\n1 of 2 hosts failed: tls2 (no such object)\n", "\(result)")
        #expect(Array(result.lines.prefix(6)) == Self.heading("unix1 (1)") + ["[", "    {", "        \"Id\": \"\(ids["unix1"]!)\","], "\(result)")
        #expect(result.lines.last == "]" && result.stdout.contains("\n        \"Name\": \"/\(name)\",\n"), "\(result)")

        // The same bytes docker prints, below the heading.
        let docker = try FleetDocker.output("unix1", ["inspect", name])
        #expect(result.lines.dropFirst(3).joined(separator: "\n") == docker, "\(result)")
    }

    @Test func inspectTemplatesFoldAndTypeNarrowsTheLookup() throws {
        let name = FleetDocker.uniqueName("sys")
        _ = try FleetDocker.create(name, on: ["unix1", "tls1", "tls2"])
        defer { FleetDocker.remove(name, from: ["unix1", "tls1", "tls2"]) }

        let status = try ThreeEngines.run("inspect -f '{{.State.Status}} {{json .Config.Cmd}}' \(name)")
        #expect(status.status == 0 && status.stderr == "", "\(status)")
        #expect(status.lines == Self.heading("unix1,tls1,tls2 (3)") + [#"created ["sleep","1000"]"#], "\(status)")

        let image = try ThreeEngines.run("@tls1 inspect --type image --format '{{.Id}}' \(Fleet.image)")
        let dockerID = try FleetDocker.output("tls1", ["image", "inspect", "--format", "{{.Id}}", Fleet.image])
        #expect(image.status == 0 && image.lines == [dockerID], "\(image)")

        let wrongType = try ThreeEngines.run("@tls1,tls2 inspect --type image \(name)")
        #expect(wrongType.status == 1 && wrongType.stdout == "", "\(wrongType)")
        // The engine's own words, which docker prints after "Error response from daemon: ".
        #expect(wrongType.stderr.hasPrefix("tls1: no such image: \(name): No such image: \(name):latest\n"), "\(wrongType)")
        let oneHost = try ThreeEngines.run("@tls1 inspect --type image \(name)")
        #expect(oneHost.status == 1 && oneHost.stdout == "[]\n", "\(oneHost)")
        #expect(oneHost.stderr == "Error response from daemon: no such image: \(name): No such image: \(name):latest\n", "\(oneHost)")

        let json = try ThreeEngines.run("inspect --format json \(name)")
        #expect(json.lines.count == 3 && json.lines.allSatisfy { $0.hasPrefix(#"{"host":""#) && $0.contains(#""Name":"/\#(name)""#) }, "\(json)")
    }

    /// Untyped, a name that is no container or image is tried as a network, then as a volume, as
    /// docker does; the output is docker's, byte for byte.
    @Test func inspectFindsNetworksAndVolumesLikeDocker() throws {
        let name = FleetDocker.uniqueName("sys")
        try FleetDocker.run("unix1", ["network", "create", name + "-net"])
        try FleetDocker.run("unix1", ["volume", "create", name + "-vol"])
        defer {
            _ = try? FleetDocker.run("unix1", ["network", "rm", name + "-net"], allowFailure: true)
            _ = try? FleetDocker.run("unix1", ["volume", "rm", name + "-vol"], allowFailure: true)
        }
        for object in [name + "-net", name + "-vol"] {
            let result = try ThreeEngines.run("@unix1 inspect \(object)")
            let docker = try FleetDocker.output("unix1", ["inspect", object])
            #expect(result.status == 0 && result.lines.joined(separator: "\n") == docker, "\(result)")
        }
        let typed = try ThreeEngines.run("@unix1 inspect --type volume -f '{{.Name}} {{.Driver}}' \(name)-vol")
        #expect(typed.status == 0 && typed.lines.last == "\(name)-vol local", "\(typed)")
        let wrongType = try ThreeEngines.run("@unix1 inspect --type network \(name)-vol")
        #expect(wrongType.status == 1 && wrongType.stderr.hasPrefix("Error response from daemon: network \(name)-vol not found"), "\(wrongType)")
    }

    @Test func topShowsDockersColumnsPerHost() throws {
        let name = FleetDocker.uniqueName("sys")
        _ = try FleetDocker.create(name, on: ["tls2"], start: true)
        defer { FleetDocker.remove(name, from: ["tls2"]) }

        let result = try ThreeEngines.run("@tls2 top \(name)")
        let docker = try FleetDocker.output("tls2", ["top", name])
        #expect(result.status == 0 && result.stderr == "", "\(result)")
        // Same header and process as docker's (the C column, CPU use, moves between calls).
        let ours = result.lines
        let theirs = docker.split(separator: "\n").map(String.init)
        #expect(ours.first == theirs.first && ours.count == 2, "\(result)")
        let cells = { (line: String) in line.split(separator: " ", omittingEmptySubsequences: true).map(String.init) }
        let stable = { (line: String?) -> [String] in
            let all = line.map(cells) ?? []
            return Array(all.prefix(3)) + Array(all.suffix(2))
        }
        #expect(stable(ours.last) == stable(theirs.last), "\(result)")
        #expect(ours.last?.hasSuffix("sleep 1000") == true, "\(result)")

        let options = try ThreeEngines.run("@tls2 top \(name) -o pid,comm")
        #expect(options.lines.map(cells).map { $0.last ?? "" } == ["COMMAND", "sleep"], "\(options)")

        let missing = try ThreeEngines.run("@unix1,tls2 top \(name)")
        #expect(missing.status == 1 && missing.stderr.hasPrefix("unix1: No such container: \(name)\n"), "\(missing)")
    }

    @Test func pingReportsDeadHostsAsFailures() throws {
        let dead = "unix:///nonexistent/dmux-\(UUID().uuidString.prefix(6)).sock"
        let result = try ThreeEngines.run("ping", extra: ["-H", "gone=\(dead)", "-H", "sock1=\(try Fleet.sock1)"])
        #expect(result.status == 1, "\(result)")
        let rows = result.lines.map { $0.split(separator: " ", omittingEmptySubsequences: true).prefix(2).joined(separator: " ") }
        #expect(rows == ["HOST STATUS", "unix1 up", "gone down", "sock1 up", "tls1 up", "tls2 up"], "\(result)")
        #expect(result.stderr.hasPrefix("gone: cannot connect to \(dead): no such socket"), "\(result)")
        #expect(result.stderr.contains("\n1 of 5 hosts failed: gone (no such socket)\n"), "\(result)")

        let allDead = try Dmux.run(["-H", "gone=\(dead)", "-H", "gone2=\(dead)2", "-c", "ping"])
        #expect(allDead.status == 3, "\(allDead)")
        #expect(allDead.lines.dropFirst().map { $0.split(separator: " ", omittingEmptySubsequences: true).prefix(2).joined(separator: " ") }
            == ["gone down", "gone2 down"], "\(allDead)")
        #expect(allDead.stderr.contains("2 of 2 hosts failed: "), "\(allDead)")
    }
}
