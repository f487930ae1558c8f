import DockerAPI
import Endpoints
import FanOut
import Foundation
import NIOPosix
import Testing

@testable import Shell

/// A shell whose hosts are never contacted: enough to run a command's presentation into a
/// CapturingConsole and read what the user would see.
struct OfflineShell {
    let console = CapturingConsole()
    let shell: Shell
    let sessions: [HostSession]

    init(hosts: [String]) throws {
        let registry = HostRegistry(group: MultiThreadedEventLoopGroup.singleton)
        shell = Shell(registry: registry, console: console, settings: ShellSettings(), environment: [:])
        sessions = try hosts.map { name in
            try registry.add(
                Endpoint(name: name, source: .flag, address: .unix(path: "/nonexistent/\(name).sock")),
                connectTimeout: .seconds(1))
        }
    }

    func invocation(
        _ spec: CommandSpec, _ words: [String] = [], shape: OutputShape, template: String? = nil, asDocker: Bool = false
    ) throws -> Invocation {
        Invocation(
            shell: shell, command: spec, arguments: try spec.parse(words), targets: sessions,
            presenter: Presenter(shape: shape, console: console, hosts: sessions.map(\.name), asDocker: asDocker),
            fanOut: FanOut(), template: template)
    }
}

@Suite struct ListFormatTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    static func container(_ name: String, id: String) -> ContainerRow {
        ContainerRow(
            ContainerSummary(
                id: id, names: ["/" + name], image: "bb:latest", imageID: "sha256:" + id, command: "sleep 1000",
                created: 1_800_000_000 - 120, state: "running", status: "Up 2 minutes"),
            now: now)
    }

    static let answers = [
        ("m1", [container("web", id: "3e50c1d2a9f0aa"), container("db", id: "1111c1d2a9f0aa")]),
        ("m2", [container("idle", id: "91aa0c44e1b7bb")]),
    ]

    @Test func defaultTableHasHostFirstThenDockersColumns() throws {
        let offline = try OfflineShell(hosts: ["m1", "m2"])
        let invocation = try offline.invocation(PsCommand.spec, shape: .table)
        let format = ListFormat(user: nil, defaultTable: ContainerRow.defaultTableFormat, quiet: false)
        try format.present(Self.answers, to: invocation)
        invocation.presenter.finish()
        #expect(offline.console.output == """
            HOST      CONTAINER ID   IMAGE       COMMAND        CREATED         STATUS         PORTS     NAMES
            m1        3e50c1d2a9f0   bb:latest   "sleep 1000"   2 minutes ago   Up 2 minutes             web
            m1        1111c1d2a9f0   bb:latest   "sleep 1000"   2 minutes ago   Up 2 minutes             db
            m2        91aa0c44e1b7   bb:latest   "sleep 1000"   2 minutes ago   Up 2 minutes             idle

            """)
    }

    @Test func userTableTemplateGivesItsOwnColumns() throws {
        let offline = try OfflineShell(hosts: ["m1", "m2"])
        let invocation = try offline.invocation(PsCommand.spec, shape: .table)
        let format = ListFormat(user: "table {{.Names}}\\t{{.State}}", defaultTable: ContainerRow.defaultTableFormat, quiet: false)
        try format.present(Self.answers, to: invocation)
        invocation.presenter.finish()
        // Docker's tabwriter: a column is its widest cell plus three spaces, ten at least.
        #expect(offline.lines == ["HOST      NAMES     STATE", "m1        web       running", "m1        db        running", "m2        idle      running"])
    }

    @Test func quietIsHostPrefixedWithSeveralTargetsAndPlainWithOne() throws {
        let several = try OfflineShell(hosts: ["m1", "m2"])
        let quiet = ListFormat(user: nil, defaultTable: ContainerRow.defaultTableFormat, quiet: true)
        try quiet.present(Self.answers, to: try several.invocation(PsCommand.spec, shape: .table))
        #expect(several.lines == ["m1 | 3e50c1d2a9f0", "m1 | 1111c1d2a9f0", "m2 | 91aa0c44e1b7"])

        let one = try OfflineShell(hosts: ["m1"])
        try quiet.present([Self.answers[0]], to: try one.invocation(PsCommand.spec, shape: .table, asDocker: true))
        #expect(one.lines == ["3e50c1d2a9f0", "1111c1d2a9f0"])

        // A shape the user asked for keeps the prefix, even for one host.
        let asked = try OfflineShell(hosts: ["m1"])
        try quiet.present([Self.answers[0]], to: try asked.invocation(PsCommand.spec, shape: .lines))
        #expect(asked.lines == ["m1 | 3e50c1d2a9f0", "m1 | 1111c1d2a9f0"])
    }

    /// One host as docker: its table without HOST column, and no cut to the terminal's width.
    @Test func oneHostTableIsDockers() throws {
        let one = try OfflineShell(hosts: ["m1"])
        let format = ListFormat(user: nil, defaultTable: ContainerRow.defaultTableFormat, quiet: false)
        let invocation = try one.invocation(PsCommand.spec, shape: .table, asDocker: true)
        try format.present([Self.answers[0]], to: invocation)
        invocation.presenter.finish()
        #expect(one.lines.count == 3 && one.lines[0].hasPrefix("CONTAINER ID   IMAGE"), "\(one.lines)")
        #expect(one.lines[1].hasPrefix("3e50c1d2a9f0   "), "\(one.lines)")
    }

    @Test func jsonShapeHasHostThenDockersKeys() throws {
        let offline = try OfflineShell(hosts: ["m1", "m2"])
        let format = ListFormat(user: nil, defaultTable: ContainerRow.defaultTableFormat, quiet: false)
        try format.present(Self.answers, to: try offline.invocation(PsCommand.spec, shape: .json))
        #expect(offline.lines.count == 3)
        #expect(offline.lines[2].hasPrefix(#"{"host":"m2","Command":"\"sleep 1000\"","CreatedAt":"#))
        #expect(offline.lines[2].contains(#""ID":"91aa0c44e1b7","Image":"bb:latest","#))

        let quiet = ListFormat(user: nil, defaultTable: ContainerRow.defaultTableFormat, quiet: true)
        let other = try OfflineShell(hosts: ["m1", "m2"])
        try quiet.present(Self.answers, to: try other.invocation(PsCommand.spec, shape: .json))
        #expect(other.lines.first == #"{"host":"m1","ID":"3e50c1d2a9f0"}"#)
    }

    @Test func unknownFieldIsAUsageErrorBeforeAnythingIsSent() throws {
        let format = ListFormat(user: "{{.Nmes}}", defaultTable: ContainerRow.defaultTableFormat, quiet: false)
        #expect(throws: ShellUsageError.self) { try format.headers(for: ContainerRow.self) }
        #expect(throws: ShellUsageError.self) { try ListFormat(user: "{{.Names", defaultTable: "", quiet: false).headers(for: ContainerRow.self) }
    }

    @Test func filtersFollowDockersSyntax() throws {
        let arguments = try PsCommand.spec.parse(["-f", "name=web", "--filter", "label=a=b"])
        #expect(try ListCommands.filters(arguments).queryValue == #"{"label":{"a=b":true},"name":{"web":true}}"#)
        let bad = try PsCommand.spec.parse(["--filter", "dangling"])
        #expect(throws: ShellUsageError.self) { try ListCommands.filters(bad) }
    }

    @Test func digestsExpandTaggedRowsPerDigestOfTheirRepository() {
        let image = ImageSummary(
            id: "sha256:abc", repoTags: ["docker.io/library/bb:latest"],
            repoDigests: ["docker.io/library/bb@sha256:1111", "other/repo@sha256:2222"])
        let rows = ImageRow.rows(for: [image]).flatMap(ImagesCommand.withDigests)
        #expect(rows.map { "\($0.repository) \($0.tag) \($0.digest)" } == ["bb latest sha256:1111", "other/repo <none> sha256:2222"])
    }

    @Test func diskUsageRowsCarryDockersJSONKeys() throws {
        let rows = DiskUsageRow.rows(DiskUsage(layersSize: 2_000_000, images: [ImageSummary(id: "a", size: 2_000_000, sharedSize: 0, containers: 0)]))
        #expect(rows.map { $0.field("Type") } == ["Images", "Containers", "Local Volumes", "Build Cache"])
        let format = ListFormat(user: nil, defaultTable: DiskUsageRow.defaultTableFormat, quiet: false)
        #expect(format.record(rows[0]) == .object([
            ("Active", .string("0")), ("Reclaimable", .string("2MB (100%)")), ("Size", .string("2MB")),
            ("TotalCount", .string("1")), ("Type", .string("Images")),
        ]))
    }
}

extension OfflineShell {
    var lines: [String] { console.output.split(separator: "\n").map(String.init) }
}
