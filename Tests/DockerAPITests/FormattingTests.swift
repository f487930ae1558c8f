import Foundation
import Testing
@testable import DockerAPI

@Suite struct GoUnitsTests {
    static let day = 86400.0, week = 7 * 86400.0, month = 30 * 86400.0, year = 365 * 86400.0

    // The table of docker/go-units duration_test.go.
    static let durations: [(Double, String)] = [
        (0.45, "Less than a second"), (1, "1 second"), (45, "45 seconds"), (59, "59 seconds"),
        (60, "About a minute"), (180, "3 minutes"), (35 * 60 + 40, "35 minutes"), (59 * 60, "59 minutes"),
        (3600, "About an hour"), (3600 + 29 * 60, "About an hour"), (3600 + 31 * 60, "2 hours"),
        (3 * 3600 + 29 * 60, "3 hours"), (3 * 3600 + 31 * 60, "4 hours"), (24 * 3600, "24 hours"),
        (day + 12 * 3600, "36 hours"), (2 * day, "2 days"), (13 * day + 5 * 3600, "13 days"),
        (2 * week, "2 weeks"), (2 * week + 4 * day, "2 weeks"), (4 * week + 3 * day, "4 weeks"),
        (month, "4 weeks"), (month + 2 * week, "6 weeks"), (2 * month, "2 months"), (5 * month + 2 * week, "5 months"),
        (13 * month, "13 months"), (24 * month, "24 months"), (24 * month + 2 * week, "2 years"),
        (3 * year + 2 * month, "3 years"), (-5, "Less than a second"),
    ]

    @Test(arguments: durations)
    func humanDuration(seconds: Double, expected: String) {
        #expect(GoUnits.humanDuration(seconds) == expected)
    }

    @Test func humanSize() {
        #expect(GoUnits.humanSize(1000) == "1kB")
        #expect(GoUnits.humanSize(1024) == "1.024kB")
        #expect(GoUnits.humanSize(1_048_576) == "1.049MB")
        #expect(GoUnits.humanSize(3.42e9) == "3.42GB")
        #expect(GoUnits.humanSize(5.372e12) == "5.372TB")
        #expect(GoUnits.humanSize(1e28) == "1e+04YB")
        #expect(GoUnits.humanSize(0, precision: 3) == "0B")
        #expect(GoUnits.humanSize(1_234_567, precision: 3) == "1.23MB")
        #expect(GoUnits.humanSize(5500, precision: 3) == "5.5kB")
        #expect(GoUnits.humanSize(999_900, precision: 3) == "1e+03kB")
    }

    @Test func bytesSize() {
        #expect(GoUnits.bytesSize(1024) == "1KiB")
        #expect(GoUnits.bytesSize(1_572_864) == "1.5MiB")
        #expect(GoUnits.bytesSize(3.42 * 1024 * 1024 * 1024) == "3.42GiB")
        #expect(GoUnits.bytesSize(500) == "500B")
    }

    @Test func goTimeString() {
        #expect(GoTime.string(unixSeconds: 1_700_000_000, timeZone: TimeZone(identifier: "UTC")!) == "2023-11-14 22:13:20 +0000 UTC")
        #expect(GoTime.string(unixSeconds: 1_700_000_000, timeZone: TimeZone(secondsFromGMT: -5 * 3600)!).hasPrefix("2023-11-14 17:13:20 -0500"))
    }

    /// Go's Time.String() of a parsed RFC 3339 time: fraction without trailing zeros, the zone it came in.
    @Test func goTimeStringOfRFC3339() {
        #expect(GoTime.string(rfc3339: "2026-11-30T04:33:18.027772270Z") == "2026-11-30 04:33:18.02777227 +0000 UTC")
        #expect(GoTime.string(rfc3339: "2026-11-30T04:33:18Z") == "2026-11-30 04:33:18 +0000 UTC")
        #expect(GoTime.string(rfc3339: "2026-11-30T04:33:18.000Z") == "2026-11-30 04:33:18 +0000 UTC")
        #expect(GoTime.string(rfc3339: "2026-11-30T05:33:18.5+01:00") == "2026-11-30 05:33:18.5 +0100 +0100")
        #expect(GoTime.string(rfc3339: "yesterday") == "yesterday")
    }

    /// fvbommel/sortorder's NaturalLess, which network ls and volume ls sort names with.
    /// `docker version`'s Built: Go's ANSIC layout of the wall clock the text was written in.
    @Test func goTimeANSICOfRFC3339() {
        #expect(GoTime.ansic(rfc3339: "2026-05-07T21:09:36.000000000+00:00") == "Thu May  7 21:09:36 2026")
        #expect(GoTime.ansic(rfc3339: "2023-05-18T08:38:34Z") == "Thu May 18 08:38:34 2023")
        #expect(GoTime.ansic(rfc3339: "2024-02-29T23:59:59.5-07:00") == "Thu Feb 29 23:59:59 2024")
        #expect(GoTime.ansic(rfc3339: "2000-01-01T00:00:00+05:30") == "Sat Jan  1 00:00:00 2000")
        #expect(GoTime.ansic(rfc3339: "Thu May  7 21:09:36 2026") == "Thu May  7 21:09:36 2026")
        #expect(GoTime.ansic(rfc3339: "2026-05-07T21:09:36") == "2026-05-07T21:09:36")
        #expect(GoTime.ansic(rfc3339: "") == "")
    }

    @Test func naturalOrder() {
        let sorted = ["net10", "net2", "a", "net02", "net", "1b", "B", "net2a"].sorted(by: NaturalOrder.less)
        // Leading zeros only break ties at the first number that differs in them: net2a before net02.
        #expect(sorted == ["1b", "B", "a", "net", "net2", "net2a", "net02", "net10"])
    }
}

/// Numbers from an engine that no honest engine sends: formatting is total, as Go's is.
@Suite struct HostileNumberFormattingTests {
    /// `"Created": -9223372036854775808` made `Int(Double)` trap in the CREATED column.
    @Test func agesSaturateLikeGosTimeSub() {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        #expect(GoUnits.ago(unixSeconds: Int64.min, now: now) == "292 years ago")
        #expect(GoUnits.ago(unixSeconds: Int64.max, now: now) == "Less than a second ago")
        #expect(GoUnits.humanDuration(.nan) == "Less than a second")
        #expect(GoUnits.humanDuration(.infinity) == "292 years")
    }

    /// An event `time` beyond the year 2262 overflowed `time * 1e9`; df's sums overflowed Int64.
    @Test func eventTimesAndDiskUsageSumsDoNotOverflow() throws {
        let event = try EngineJSON.decode(EngineEvent.self, from: Array(#"{"Type":"container","Action":"start","Actor":{"ID":"a"},"time":9223372036854775807}"#.utf8))
        #expect(EngineReports.eventLine(event, timeZone: TimeZone(identifier: "UTC")!).hasSuffix(".000000000Z container start a"))
        let json = #"{"LayersSize":9223372036854775807,"Images":[{"Id":"a","Containers":1,"Size":9223372036854775807,"SharedSize":-9223372036854775807},"#
            + #"{"Id":"b","Containers":1,"Size":9223372036854775807,"SharedSize":0}],"Containers":[{"Id":"c","SizeRw":9223372036854775807},"#
            + #"{"Id":"d","SizeRw":9223372036854775807}],"Volumes":[{"Name":"v","UsageData":{"Size":9223372036854775807,"RefCount":0}},"#
            + #"{"Name":"w","UsageData":{"Size":9223372036854775807,"RefCount":0}}],"BuildCache":[{"ID":"x","Size":9223372036854775807},{"ID":"y","Size":9223372036854775807,"InUse":true}]}"#
        let usage = try EngineJSON.decode(DiskUsage.self, from: Array(json.utf8))
        #expect(EngineReports.diskUsageRows(usage).count == 5)
        #expect(!BuildCacheRow.total(usage.buildCache).isEmpty)
    }

    /// moby's Port is uint16: a port out of range is no port, and `last + 1` met Int.max.
    @Test func portsOutOfRangeAreNotPorts() throws {
        let json = #"[{"Id":"a","Ports":[{"PrivatePort":9223372036854775807,"PublicPort":9223372036854775807,"IP":"0.0.0.0","Type":"tcp"},"#
            + #"{"PrivatePort":9223372036854775807,"Type":"udp"},{"PrivatePort":80,"PublicPort":-1,"IP":"::","Type":"tcp"}]}]"#
        let list = try EngineJSON.decode([ContainerSummary].self, from: Array(json.utf8))
        #expect(list[0].ports.map(\.privatePort) == [0, 0, 80])
        #expect(list[0].ports.map(\.publicPort) == [nil, nil, nil])
        #expect(PortsColumn.format(list[0].ports) == "0/udp, 0.0.0.0:0->0/tcp, [::]:0->80/tcp")
    }
}

@Suite struct PsColumnTests {
    let now = Date(timeIntervalSince1970: 1_700_000_000)
    let utc = TimeZone(identifier: "UTC")!

    func row(_ c: ContainerSummary, truncate: Bool = true) -> ContainerRow {
        ContainerRow(c, truncate: truncate, now: now, timeZone: utc)
    }

    let ticker = ContainerSummary(
        id: "3e50c1d2a9f0b1b2c3d4e5f60718293a4b5c6d7e8f9001122334455667788990", names: ["/ticker", "/other/link"],
        image: "bb:latest", imageID: "sha256:1111", command: "sh -c 'while true; do date; sleep 1; done'",
        created: 1_700_000_000 - 120, ports: [], labels: ["b": "2", "a": "1"], state: "running", status: "Up 2 minutes")

    @Test func columns() {
        let r = row(ticker)
        #expect(r.id == "3e50c1d2a9f0")
        #expect(r.command == #""sh -c 'while true; …""#)
        #expect(r.names == "ticker")
        #expect(r.runningFor == "2 minutes ago")
        #expect(r.field("Status") == "Up 2 minutes")
        #expect(r.labels == "a=1,b=2")
        #expect(r.field("CreatedAt") == "2023-11-14 22:11:20 +0000 UTC")
        let full = row(ticker, truncate: false)
        #expect(full.id == ticker.id)
        #expect(full.command == #""sh -c 'while true; do date; sleep 1; done'""#)
        #expect(full.names == "ticker,other/link")
        #expect(row(ContainerSummary(id: "x", command: "sleep 1000")).command == #""sleep 1000""#)
        #expect(row(ContainerSummary(id: "x", command: #"echo "hi""#)).command == #""echo \"hi\"""#)
    }

    @Test func imageColumn() {
        #expect(row(ContainerSummary(id: "x", image: "sha256:0123456789abcdef0123", imageID: "sha256:0123456789abcdef0123")).image == "0123456789ab")
        #expect(row(ContainerSummary(id: "x", image: "busybox@sha256:abcdef")).image == "busybox")
        #expect(row(ContainerSummary(id: "x", image: "docker.io/library/busybox:1.36")).image == "busybox:1.36")
        #expect(row(ContainerSummary(id: "x", image: "")).image == "<no image>")
        #expect(row(ContainerSummary(id: "x", image: "bb@sha256:abcdef"), truncate: false).image == "bb@sha256:abcdef")
    }

    // The cases of docker/cli's TestDisplayablePorts.
    @Test func ports() {
        typealias P = ContainerSummary.Port
        #expect(PortsColumn.format([P(privatePort: 9988, type: "tcp")]) == "9988/tcp")
        #expect(PortsColumn.format([P(ip: "0.0.0.0", privatePort: 9988, type: "tcp")]) == "0.0.0.0:0->9988/tcp")
        #expect(PortsColumn.format([P(privatePort: 9988, publicPort: 8899, type: "tcp")]) == "9988/tcp")
        #expect(PortsColumn.format([P(ip: "4.3.2.1", privatePort: 9988, publicPort: 8899, type: "tcp")]) == "4.3.2.1:8899->9988/tcp")
        #expect(PortsColumn.format([P(ip: "4.3.2.1", privatePort: 9988, publicPort: 9988, type: "tcp")]) == "4.3.2.1:9988->9988/tcp")
        #expect(PortsColumn.format([P(privatePort: 9988, type: "udp"), P(privatePort: 9988, type: "udp")]) == "9988/udp, 9988/udp")
        #expect(PortsColumn.format([
            P(ip: "1.2.3.4", privatePort: 9998, publicPort: 9998, type: "udp"),
            P(ip: "1.2.3.4", privatePort: 9999, publicPort: 9999, type: "udp"),
        ]) == "1.2.3.4:9998-9999->9998-9999/udp")
        #expect(PortsColumn.format([
            P(ip: "1.2.3.4", privatePort: 9998, publicPort: 8887, type: "udp"),
            P(ip: "1.2.3.4", privatePort: 9999, publicPort: 8888, type: "udp"),
        ]) == "1.2.3.4:8887->9998/udp, 1.2.3.4:8888->9999/udp")
        #expect(PortsColumn.format([P(privatePort: 9998, type: "udp"), P(privatePort: 9999, type: "udp")]) == "9998-9999/udp")
        #expect(PortsColumn.format([
            P(ip: "1.2.3.4", privatePort: 7766, publicPort: 6677, type: "tcp"),
            P(privatePort: 9988, publicPort: 8899, type: "udp"),
        ]) == "9988/udp, 1.2.3.4:6677->7766/tcp")
        #expect(PortsColumn.format([P(ip: "0.0.0.0", privatePort: 80, publicPort: 8080, type: "tcp"), P(privatePort: 443, type: "tcp")])
            == "443/tcp, 0.0.0.0:8080->80/tcp")
        #expect(PortsColumn.format([P(ip: "::", privatePort: 80, publicPort: 8080, type: "tcp")]) == "[::]:8080->80/tcp")
    }

    @Test func sizeColumn() {
        #expect(row(ContainerSummary(id: "x", sizeRw: 2, sizeRootFs: 21_500_000)).size == "2B (virtual 21.5MB)")
        #expect(row(ContainerSummary(id: "x", sizeRw: 0)).size == "0B")
    }

    @Test func defaultTable() throws {
        let idle = ContainerSummary(id: "91aa0c44e1b7ffff", names: ["/idle"], image: "bb:latest", command: "sleep 1000",
                                    created: 1_700_000_000 - 5, state: "running", status: "Up 5 seconds")
        let out = try FormatTemplate(ContainerRow.defaultTableFormat).render([row(ticker), row(idle)])
        let expected = """
            CONTAINER ID   IMAGE       COMMAND                  CREATED         STATUS         PORTS     NAMES
            3e50c1d2a9f0   bb:latest   "sh -c 'while true; …"   2 minutes ago   Up 2 minutes             ticker
            91aa0c44e1b7   bb:latest   "sleep 1000"             5 seconds ago   Up 5 seconds             idle

            """
        #expect(out == expected)
    }
}

@Suite struct ImageColumnTests {
    let now = Date(timeIntervalSince1970: 1_700_000_000)

    @Test func rowsAndTable() throws {
        let images = [
            ImageSummary(id: "sha256:7ed8a1b2c3d4e5f6a7b8c9d0", repoTags: ["bb:latest", "bb:t1", "registry:5000/team/app:v2"],
                         created: 1_700_000_000 - 3 * 86400, size: 1_234_567),
            ImageSummary(id: "sha256:0000aaaabbbbccccdddd", repoTags: ["<none>:<none>"], repoDigests: ["<none>@<none>"],
                         created: 1_700_000_000 - 3600, size: 5500),
            ImageSummary(id: "sha256:ffffeeeeddddccccbbbb", repoDigests: ["busybox@sha256:abc"], created: 0, size: 0),
        ]
        let rows = ImageRow.rows(for: images, now: now)
        #expect(rows.map { "\($0.repository):\($0.tag)" }
            == ["bb:latest", "bb:t1", "registry:5000/team/app:v2", "<none>:<none>", "busybox:<none>"])
        #expect(rows[0].id == "7ed8a1b2c3d4")
        let out = try FormatTemplate(ImageRow.defaultTableFormat).render(rows)
        let expected = """
            REPOSITORY               TAG       IMAGE ID       CREATED             SIZE
            bb                       latest    7ed8a1b2c3d4   3 days ago          1.23MB
            bb                       t1        7ed8a1b2c3d4   3 days ago          1.23MB
            registry:5000/team/app   v2        7ed8a1b2c3d4   3 days ago          1.23MB
            <none>                   <none>    0000aaaabbbb   About an hour ago   5.5kB
            busybox                  <none>    ffffeeeedddd   53 years ago        0B

            """
        // The long CREATED cell widens its column for every row, as Go's tabwriter does;
        // Created=0 is not Go's zero time, so docker prints an age, never "N/A".
        #expect(out == expected)
    }
}

@Suite struct FormatTemplateTests {
    let c = ContainerRow(
        ContainerSummary(id: "3e50c1d2a9f0ffff", names: ["/web"], image: "bb", command: "sleep 1", created: 0,
                         labels: ["com.example.tier": "front", "x": "<&>"], state: "running", status: "Up 1 second"),
        now: Date(timeIntervalSince1970: 30), timeZone: TimeZone(identifier: "UTC")!)

    @Test func plainFieldsWithEscapes() throws {
        #expect(try FormatTemplate(#"{{.ID}}\t{{.Names}}"#).render(c) == "3e50c1d2a9f0\tweb")
        #expect(try FormatTemplate("{{.ID}}: {{ .State }}").render([c, c]) == "3e50c1d2a9f0: running\n3e50c1d2a9f0: running\n")
        #expect(try FormatTemplate(#"{{.Label "com.example.tier"}}/{{.Label "missing"}}"#).render(c) == "front/")
        #expect(try FormatTemplate("{{upper .State}} {{json .Names}} {{truncate .ID 4}}").render(c) == #"RUNNING "web" 3e50"#)
    }

    @Test func jsonWhole() throws {
        let json = try FormatTemplate("{{json .}}").render(c)
        #expect(try FormatTemplate("json").render(c) == json)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["Platform"] is NSNull, "docker 28's nil pointer: \(json)")
        #expect(object["ID"] as? String == "3e50c1d2a9f0")
        #expect(object["Command"] as? String == #""sleep 1""#)
        #expect(object["RunningFor"] as? String == "30 seconds ago")
        #expect(object["Labels"] as? String == "com.example.tier=front,x=<&>")
        #expect(json.contains(#""Labels":"com.example.tier=front,x=\u003c\u0026\u003e""#))
        #expect(json.hasPrefix(#"{"Command":"#))
    }

    @Test func tablePrefix() throws {
        let out = try FormatTemplate(#"table {{.ID}}\t{{.Label "com.example.tier"}}\t{{.Status}}"#).render([c])
        #expect(out == "CONTAINER ID   tier      STATUS\n3e50c1d2a9f0   front     Up 1 second\n")
    }

    @Test func unknownFieldIsNamed() throws {
        do {
            _ = try FormatTemplate("{{.Nope}}").render(c)
            Issue.record("unknown field accepted")
        } catch {
            #expect(error.description == #"template: :1:2: executing "" at <.Nope>: can't evaluate field Nope in type *formatter.ContainerContext"#)
        }
        #expect(throws: FormatTemplateError.self) { try FormatTemplate("{{.Nope}}").validate(for: ContainerRow.self) }
        #expect(throws: FormatTemplateError(#"template: :1:8: executing "" at <.Names.Zq>: can't evaluate field Zq in type string"#)) {
            try FormatTemplate("{{.Names.Zq}}").validate(for: ContainerRow.self)
        }
        // Failures that depend on the values are left to the rows, as in docker.
        try FormatTemplate("{{slice .ID 0 12}}").validate(for: ContainerRow.self)
        #expect(throws: FormatTemplateError.self) { _ = try FormatTemplate("table {{.Bogus}}").render([c]) }
        #expect(throws: FormatTemplateError.self) { _ = try FormatTemplate("{{.ID") }
        #expect(throws: FormatTemplateError.self) { _ = try FormatTemplate("{{range .Names}}") }
    }

    @Test func tabWriterColumnBlocks() {
        // Go: a line with fewer cells ends the column block above it.
        let text = "a\tbb\tc\nlonger-cell\tx\ty\nsolo\nq\tw\n"
        #expect(TabWriter(minWidth: 0, padding: 1).format(text) == "a           bb c\nlonger-cell x  y\nsolo\nq w\n")
    }
}

/// `docker pull` off a terminal: a line per message that is no byte count, then the full name.
@Suite struct PullReportTests {
    static func message(_ json: String) throws -> JSONMessage {
        try JSONDecoder().decode(JSONMessage.self, from: Data(json.utf8))
    }

    @Test func linesAsJSONMessageDisplayWritesThem() throws {
        #expect(PullReport.text(try Self.message(#"{"status":"Pulling from library/busybox","id":"latest"}"#)) == "latest: Pulling from library/busybox\n")
        #expect(PullReport.text(try Self.message(#"{"status":"Pulling fs layer","progressDetail":{},"id":"9ad63333ebc9"}"#)) == "9ad63333ebc9: Pulling fs layer\n")
        #expect(PullReport.text(try Self.message(#"{"status":"Downloading","progressDetail":{"current":1024,"total":2048},"progress":"[=>  ]","id":"9ad63333ebc9"}"#)) == nil)
        #expect(PullReport.text(try Self.message(#"{"status":"Digest: sha256:abc"}"#)) == "Digest: sha256:abc\n")
        #expect(PullReport.text(try Self.message(#"{"aux":{"ID":"sha256:abc"}}"#)) == nil)
        #expect(PullReport.text(try Self.message(#"{"stream":"Step 1/2\n"}"#)) == "Step 1/2\n")
    }

    @Test func referencesAreNormalisedAsDistributionDoes() {
        #expect(PullReport.normalizedReference(name: "busybox", tag: "latest", digest: false) == "docker.io/library/busybox:latest")
        #expect(PullReport.normalizedReference(name: "me/app", tag: "1", digest: false) == "docker.io/me/app:1")
        #expect(PullReport.normalizedReference(name: "127.0.0.1:5000/app", tag: "2", digest: false) == "127.0.0.1:5000/app:2")
        #expect(PullReport.normalizedReference(name: "localhost/app", tag: "sha256:ab", digest: true) == "localhost/app@sha256:ab")
        #expect(PullReport.normalizedReference(name: "ghcr.io/o/app", tag: "latest", digest: false) == "ghcr.io/o/app:latest")
    }
}
