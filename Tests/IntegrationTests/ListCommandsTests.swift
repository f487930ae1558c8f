import Foundation
import Testing
import TestSupport

/// The fleet as dmux sees it in these tests: unix1 by -H, tls1 and tls2 from the machine store,
/// in that (registry) order.
enum ThreeEngines {
    static var arguments: [String] { get throws { ["-H", "unix1=\(try Fleet.unix1)"] } }
    static var environment: [String: String] { get throws { ["MACHINE_STORAGE_PATH": try Fleet.machineStore] } }

    static func run(_ line: String, extra: [String] = []) throws -> ProcessResult {
        try Dmux.run(try arguments + extra + ["-c", line], environment: try environment)
    }
}

@Suite(.serialized) struct ListCommandsTests {
    @Test func psListsEachHostsContainersUnderItsName() throws {
        let name = FleetDocker.uniqueName("list")
        let ids = try FleetDocker.create(name, on: ["unix1", "tls1"])
        defer { FleetDocker.remove(name, from: ["unix1", "tls1"]) }

        let result = try ThreeEngines.run("ps -a --filter name=\(name)")
        #expect(result.status == 0, "\(result)")
        #expect(result.stderr == "", "\(result)")
        #expect(result.lines.count == 3, "\(result)")
        #expect(result.lines.first?.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
            == "HOST CONTAINER ID IMAGE COMMAND CREATED STATUS PORTS NAMES", "\(result)")
        for (line, machine) in zip(result.lines.dropFirst(), ["unix1", "tls1"]) {
            let cells = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            #expect(cells.first == machine, "\(result)")
            #expect(cells.dropFirst().first == String(ids[machine]!.prefix(12)), "\(result)")
            #expect(line.contains(" \(Fleet.image) ") && line.contains(#""sleep 1000""#) && line.contains(" Created "), "\(result)")
            #expect(cells.last == name, "\(result)")
        }

        // Without -a a created container is not listed: the table is only its header.
        let running = try ThreeEngines.run("ps --filter name=\(name)")
        #expect(running.status == 0 && running.lines.count == 1 && running.lines[0].hasPrefix("HOST "), "\(running)")
    }

    /// Go prints times in the local zone under tzdata's abbreviation ("EST", not Foundation's "GMT-5").
    @Test(arguments: ["America/New_York", "Asia/Kolkata", "Europe/Berlin", "UTC"])
    func createdAtIsTheCLIsLocalTime(zone: String) throws {
        let name = FleetDocker.uniqueName("list")
        _ = try FleetDocker.create(name, on: ["unix1"])
        defer { FleetDocker.remove(name, from: ["unix1"]) }
        let docker = try FleetDocker.run("unix1", ["ps", "-a", "--filter", "name=\(name)", "--format", "{{.CreatedAt}}"],
                                         environment: ["TZ": zone]).stdout
        let ours = try Dmux.run(try ThreeEngines.arguments + ["-c", "@unix1 ps -a --filter name=\(name) --format '{{.CreatedAt}}'"],
                                environment: ["TZ": zone])
        #expect(ours.status == 0 && ours.stderr == "", "\(ours)")
        #expect(ours.stdout == docker && docker.split(separator: " ").count == 4, "docker: \(docker)dmux: \(ours)")
    }

    /// `network ls` and `volume ls` on one host print what the docker CLI prints (natural name order
    /// included: net2 before net10); on several, one table with a HOST column.
    @Test func networkAndVolumeListsAreTheCLIs() throws {
        let name = FleetDocker.uniqueName("list")
        let networks = [name + "-net10", name + "-net2"], volumes = [name + "-vol10", name + "-vol2"]
        for network in networks { try FleetDocker.run("unix1", ["network", "create", "--label", "dmux=test", network]) }
        for volume in volumes { try FleetDocker.run("unix1", ["volume", "create", volume]) }
        defer {
            _ = try? FleetDocker.run("unix1", ["network", "rm"] + networks, allowFailure: true)
            _ = try? FleetDocker.run("unix1", ["volume", "rm"] + volumes, allowFailure: true)
        }
        let commands: [[String]] = [
            ["network", "ls"], ["network", "ls", "--no-trunc", "-f", "label=dmux=test"],
            ["network", "ls", "--format", "{{.Name}} {{.CreatedAt}} {{.Labels}}"],
            ["volume", "ls"], ["volume", "ls", "-q"], ["volume", "ls", "--filter", "name=\(name)"],
        ]
        for words in commands {
            let line = words.map { $0.contains(" ") ? "'\($0)'" : $0 }.joined(separator: " ")
            let ours = try ThreeEngines.run("@unix1 " + line)
            let docker = try FleetDocker.run("unix1", words)
            // A table keeps its HOST column even for one host ("HOST      " and "unix1     ").
            let table = ours.lines.first?.hasPrefix("HOST ") == true
            let shown = table ? ours.lines.map { String($0.dropFirst(10)) } : ours.lines
            #expect(ours.status == 0 && shown == docker.lines, "\(line)\ndocker:\n\(docker.stdout)dmux:\n\(ours)")
        }
        let all = try ThreeEngines.run("network ls --filter name=\(name)")
        let cells = all.lines.map { $0.split(separator: " ").map(String.init) }
        #expect(all.status == 0 && cells.first == ["HOST", "NETWORK", "ID", "NAME", "DRIVER", "SCOPE"], "\(all)")
        #expect(cells.dropFirst().map { [$0[0], $0[2]] } == [["unix1", networks[1]], ["unix1", networks[0]]], "\(all)")
    }

    @Test func psQuietPrefixesIDsByHostAndIsPlainForOneHost() throws {
        let name = FleetDocker.uniqueName("list")
        let ids = try FleetDocker.create(name, on: ["unix1", "tls2"])
        defer { FleetDocker.remove(name, from: ["unix1", "tls2"]) }

        let result = try ThreeEngines.run("ps -aq -f name=\(name)")
        #expect(result.status == 0 && result.stderr == "", "\(result)")
        #expect(result.lines == ["unix1 | \(ids["unix1"]!.prefix(12))", "tls2  | \(ids["tls2"]!.prefix(12))"], "\(result)")

        let one = try ThreeEngines.run("@tls2 ps -a -q --no-trunc --filter name=\(name)")
        #expect(one.status == 0 && one.stdout == ids["tls2"]! + "\n", "\(one)")
    }

    @Test func psJSONHasHostOnEveryObjectAndDockersKeys() throws {
        let name = FleetDocker.uniqueName("list")
        _ = try FleetDocker.create(name, on: ["tls1", "tls2"])
        defer { FleetDocker.remove(name, from: ["tls1", "tls2"]) }

        let result = try ThreeEngines.run("ps -a --filter name=\(name) --format json")
        #expect(result.status == 0 && result.stderr == "", "\(result)")
        let objects = try result.lines.map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] ?? [:] }
        #expect(objects.map { $0["host"] as? String } == ["tls1", "tls2"], "\(result)")
        #expect(objects.allSatisfy {
            $0["Names"] as? String == name && $0["State"] as? String == "created" && $0["Image"] as? String == Fleet.image
        }, "\(result)")
        #expect(result.lines.allSatisfy { $0.hasPrefix(#"{"host":""#) }, "\(result)")

        // The same keys docker itself prints for `ps --format json` ("Platform" is null from an API 1.41 engine).
        let docker = try FleetDocker.output("tls1", ["ps", "-a", "--filter", "name=\(name)", "--format", "json"])
        let dockerKeys = (try JSONSerialization.jsonObject(with: Data(docker.utf8)) as? [String: Any])?.keys.sorted()
        #expect(objects.first.map { $0.keys.filter { $0 != "host" }.sorted() } == dockerKeys, "\(result)")
    }

    @Test func psTemplatesRenderPerHost() throws {
        let name = FleetDocker.uniqueName("list")
        _ = try FleetDocker.create(name, on: ["unix1"])
        defer { FleetDocker.remove(name, from: ["unix1"]) }

        let table = try ThreeEngines.run("ps -a --filter name=\(name) --format 'table {{.Names}}\\t{{.State}}'")
        #expect(table.status == 0 && table.lines == ["HOST      NAMES\(String(repeating: " ", count: name.count - 2))STATE", "unix1     \(name)   created"], "\(table)")

        let plain = try ThreeEngines.run("ps -a --filter name=\(name) --format '{{.Names}}'")
        #expect(plain.status == 0 && plain.lines == ["unix1 | \(name)"], "\(plain)")

        let typo = try ThreeEngines.run("ps --format '{{.Nmes}}'")
        #expect(typo.status == 2 && typo.stdout == "" && typo.stderr.contains(#"failed to execute template: template: :1:2: executing "" at <.Nmes>: can't evaluate field Nmes in type *formatter.ContainerContext"#), "\(typo)")
    }

    @Test func imagesShowsTheTestImageOnEveryHost() throws {
        let result = try ThreeEngines.run("images \(Fleet.image)")
        #expect(result.status == 0 && result.stderr == "", "\(result)")
        #expect(result.lines.first?.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
            == "HOST REPOSITORY TAG IMAGE ID CREATED SIZE", "\(result)")
        let rows = result.lines.dropFirst().map { $0.split(separator: " ", omittingEmptySubsequences: true).map(String.init) }
        #expect(rows.map { $0.prefix(3).joined(separator: " ") } == [
            "unix1 dmux-test/busybox latest", "tls1 dmux-test/busybox latest", "tls2 dmux-test/busybox latest",
        ], "\(result)")
        let unixID = try FleetDocker.output("unix1", ["images", "-q", Fleet.image])
        #expect(rows.first?[3] == unixID, "\(result)")

        let json = try ThreeEngines.run("images --format json --filter reference=\(Fleet.image)")
        #expect(json.status == 0 && json.lines.count == 3, "\(json)")
        #expect(json.lines.allSatisfy { $0.hasPrefix(#"{"host":""#) && $0.contains(#""Repository":"dmux-test/busybox""#) }, "\(json)")

        let quiet = try ThreeEngines.run("@unix1 images -q \(Fleet.image)")
        #expect(quiet.status == 0 && quiet.stdout == unixID + "\n", "\(quiet)")
    }

    @Test func dfSummarisesEveryHostWithDockersRows() throws {
        let result = try ThreeEngines.run("df")
        #expect(result.status == 0 && result.stderr == "", "\(result)")
        #expect(result.lines.first?.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
            == "HOST TYPE TOTAL ACTIVE SIZE RECLAIMABLE", "\(result)")
        let firstCells = result.lines.dropFirst().map { $0.split(separator: " ").first.map(String.init) ?? "" }
        #expect(firstCells == Array(repeating: "unix1", count: 4) + Array(repeating: "tls1", count: 4) + Array(repeating: "tls2", count: 4), "\(result)")
        #expect(result.lines[2].contains(" Containers "), "\(result)")

        let json = try ThreeEngines.run("@tls1 df --format json")
        let docker = try FleetDocker.output("tls1", ["system", "df", "--format", "json"])
        let types = { (text: String) in text.split(separator: "\n").compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String])?["Type"] } }
        #expect(json.status == 0 && types(json.stdout) == types(docker), "\(json)")
        #expect(json.lines.allSatisfy { $0.hasPrefix(#"{"host":"tls1","Active":"#) }, "\(json)")
    }

    /// `df -v`: docker's four sections in its order, each a table with a HOST column whose other
    /// cells are what `docker system df -v` prints for that engine; json is one record per host.
    @Test func dfVerboseHasDockersFourTablesWithAHostColumn() throws {
        let name = FleetDocker.uniqueName("t-df")
        defer {
            FleetDocker.removeEverywhere(name)
            _ = try? FleetDocker.run("tls1", ["volume", "rm", "-f", name], allowFailure: true)
        }
        try FleetDocker.run("tls1", ["create", "--network", "none", "--name", name, "-v", "\(name):/data", Fleet.image, "true"])
        let result = try ThreeEngines.run("@unix1,tls1 df -v")
        #expect(result.status == 0 && result.stderr == "", "\(result)")
        let titles = result.lines.filter { $0.hasSuffix(":") || $0.hasPrefix("Build cache usage:") }
        #expect(titles == ["Images space usage:", "Containers space usage:", "Local Volumes space usage:",
                           "Build cache usage: unix1 0B, tls1 0B"], "\(result)")
        let cells = { (line: String) in line.components(separatedBy: "  ").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
        let headers = result.lines.filter { $0.hasPrefix("HOST ") }.map(cells)
        #expect(headers == [
            ["HOST", "REPOSITORY", "TAG", "IMAGE ID", "CREATED", "SIZE", "SHARED SIZE", "UNIQUE SIZE", "CONTAINERS"],
            ["HOST", "CONTAINER ID", "IMAGE", "COMMAND", "LOCAL VOLUMES", "SIZE", "CREATED", "STATUS", "NAMES"],
            ["HOST", "VOLUME NAME", "LINKS", "SIZE"],
            ["HOST", "CACHE ID", "CACHE TYPE", "SIZE", "CREATED", "LAST USED", "USAGE", "SHARED"],
        ], "\(result)")
        // tls1's rows without the HOST cell are docker's rows for tls1 (ages aside: "Less than a
        // second ago" may have become "1 second ago" in between).
        let docker = try FleetDocker.output("tls1", ["system", "df", "-v"]).split(separator: "\n").map(String.init)
        let timeless = { (row: [String]) in row.filter { !$0.hasSuffix(" ago") } }
        for mine in [Fleet.image.split(separator: ":").first.map(String.init) ?? "", name] {
            let ours = result.lines.filter { $0.hasPrefix("tls1 ") && $0.contains(mine) }.map { timeless(Array(cells($0).dropFirst())) }
            let theirs = docker.filter { $0.contains(mine) }.map { timeless(cells($0)) }
            #expect(!ours.isEmpty && ours == theirs, "ours \(ours), docker's \(theirs)")
        }

        let json = try ThreeEngines.run("@unix1,tls1 df -v --format json")
        #expect(json.status == 0 && json.lines.count == 2, "\(json)")
        let tls1 = try #require(json.lines.first { $0.hasPrefix(#"{"host":"tls1","Images":["#) }, "\(json)")
        let record = try #require(try JSONSerialization.jsonObject(with: Data(tls1.utf8)) as? [String: Any])
        let volumes = record["Volumes"] as? [[String: String]] ?? []
        #expect(volumes.contains { $0["Name"] == name && $0["Links"] == "1" }, "\(tls1)")
        #expect((record["BuildCache"] as? [Any])?.isEmpty == true && record["BuildCacheSize"] as? String == "0B", "\(tls1)")
    }

    /// Past the HOST column a table is the docker CLI's, space for space (its tabwriter: widest
    /// cell plus three, ten at least; the empty PORTS column included).
    @Test func tablesAreDockersSpaceForSpaceAfterTheHostColumn() throws {
        let name = FleetDocker.uniqueName("t-cols")
        defer { FleetDocker.removeEverywhere(name) }
        try FleetDocker.run("unix1", ["create", "--network", "none", "--name", name, Fleet.image, "sleep", "9"])
        let template = "table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.Ports}}\t{{.Status}}\t{{.Names}}"
        // The HOST column is there because a shape was asked for (one host alone prints docker's table).
        let ours = try ThreeEngines.run("set format table; @unix1 ps -a --filter name=\(name) --format '\(template)'")
        let theirs = try FleetDocker.output("unix1", ["ps", "-a", "--filter", "name=\(name)", "--format", template])
        #expect(ours.status == 0 && ours.lines.count == 2, "\(ours)")
        // "HOST" and "unix1" pad to docker's minimum of ten.
        #expect(ours.lines.allSatisfy { $0.hasPrefix("HOST      ") || $0.hasPrefix("unix1     ") }, "\(ours)")
        #expect(ours.lines.map { String($0.dropFirst(10)) }.joined(separator: "\n") == theirs, "ours:\n\(ours.stdout)docker's:\n\(theirs)")
    }
}
