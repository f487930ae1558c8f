import DockerAPI
import Foundation
import Testing
@testable import Shell

/// The `stats` table: one table for all hosts, HOST first, per-host totals with their sample time.
@Suite struct StreamStatsBoardTests {
    /// 2 CPUs; the container used `busy` of `100` system ticks; `memory` bytes of 1 GiB.
    static func sample(_ name: String, busy: UInt64, memory: UInt64, read: String) -> StatsSample {
        var sample = StatsSample(
            name: "/" + name, id: name + String(repeating: "0", count: 64 - name.count),
            cpu: .init(totalUsage: 1000 + busy, systemUsage: 10_100, onlineCPUs: 2),
            preCPU: .init(totalUsage: 1000, systemUsage: 10_000, onlineCPUs: 2),
            memoryUsage: memory, memoryLimit: 1 << 30, pids: 3)
        sample.read = read
        return sample
    }

    static func board() throws -> StatsBoard {
        var board = StatsBoard(hosts: ["m1", "m2"], template: try FormatTemplate(StatsRow.defaultTableFormat))
        board.update(host: "m2", container: "db", sample: sample("db", busy: 50, memory: 256 << 20, read: "2026-11-29T19:01:02.250000000Z"))
        board.update(host: "m1", container: "web", sample: sample("web", busy: 10, memory: 64 << 20, read: "2026-11-29T19:01:01.100000000Z"))
        board.update(host: "m1", container: "api", sample: sample("api", busy: 5, memory: 32 << 20, read: "2026-11-29T19:01:01.900000000Z"))
        return board
    }

    @Test func oneTableWithHostFirstAndDockerColumns() throws {
        let table = try Self.board().table(bars: false)
        #expect(table.headers == ["HOST", "CONTAINER ID", "NAME", "CPU %", "MEM USAGE / LIMIT", "MEM %", "NET I/O", "BLOCK I/O", "PIDS"])
        // Hosts in target order, containers in the order first seen.
        #expect(table.rows.map { [$0[0], $0[2], $0[3], $0[4]] } == [
            ["m1", "web", "20.00%", "64MiB / 1GiB"], ["m1", "api", "10.00%", "32MiB / 1GiB"], ["m2", "db", "100.00%", "256MiB / 1GiB"],
        ])
        #expect(table.rows[0][1] == "web000000000")
    }

    @Test func totalsPerHostCarryTheirNewestSampleTime() throws {
        let totals = try Self.board().totals(timeZone: TimeZone(secondsFromGMT: 0)!)
        #expect(totals.headers == ["HOST", "CONTAINERS", "CPU %", "MEM USAGE", "SAMPLED"])
        #expect(totals.rows == [["m1", "2", "30.00%", "96MiB", "19:01:01.900"], ["m2", "1", "100.00%", "256MiB", "19:01:02.250"]])
    }

    @Test func barsShowTheShareOfAllCPUsAndOfTheMemoryLimit() throws {
        let table = try Self.board().table(bars: true)
        // db: 100% of one CPU is half of two; 256 MiB is a quarter of 1 GiB.
        #expect(table.rows[2][3] == "100.00% █████░░░░░")
        #expect(table.rows[2][5] == "25.00% ███░░░░░░░")
    }

    @Test func aNewSampleReplacesTheOldAndRemovedContainersLeave() throws {
        var board = try Self.board()
        board.update(host: "m1", container: "web", sample: Self.sample("web", busy: 100, memory: 1 << 20, read: ""))
        board.remove(host: "m2", container: "db")
        let rows = try board.table(bars: false).rows
        #expect(rows.map { [$0[0], $0[2], $0[3]] } == [["m1", "web", "200.00%"], ["m1", "api", "10.00%"]])
    }

    @Test func aLineTemplateGivesOneLinePerContainerWithItsHost() throws {
        var board = StatsBoard(hosts: ["m1", "m2"], template: try FormatTemplate("{{.Name}}: {{.CPUPerc}}"))
        board.update(host: "m2", container: "db", sample: Self.sample("db", busy: 50, memory: 1, read: ""))
        board.update(host: "m1", container: "web", sample: Self.sample("web", busy: 10, memory: 1, read: ""))
        #expect(try board.render(bars: false, maxWidth: nil) == "m1 | web: 20.00%\nm2 | db: 100.00%\n")
    }
}
