import Foundation
import Testing

/// logs, events and stats through the real binary against several fleet engines at once.
@Suite struct StreamCommandsTests {
    static let script = "echo out1; echo err1 >&2; echo out2; printf partial"

    /// Runs `script` to its end in a new container on each of `urls`.
    static func finishedContainer(_ name: String, tty: Bool, on urls: [String]) throws {
        for url in urls {
            try FleetDocker.run(url, ["run", "-d", "--network", "none", "--name", name] + (tty ? ["-t"] : []) + [Fleet.image, "sh", "-c", script])
            try FleetDocker.run(url, ["wait", name])
        }
    }

    static func lines(_ text: String, prefix: String) -> [String] {
        text.split(separator: "\n").map(String.init).filter { $0.hasPrefix(prefix) }
    }

    @Test func logsSplitStdoutAndStderrPerHostWithThePartialLastLine() throws {
        let name = FleetDocker.uniqueName("t-logs")
        defer { FleetDocker.removeEverywhere(name) }
        try Self.finishedContainer(name, tty: false, on: [try Fleet.unix1, try Fleet.tls2])
        let result = try ContainerCommandsTests.dmux("@unix1,tls2 logs \(name)")
        #expect(result.status == 0, "\(result)")
        #expect(Self.lines(result.stdout, prefix: "unix1 | ") == ["unix1 | out1", "unix1 | out2", "unix1 | partial"], "\(result)")
        #expect(Self.lines(result.stdout, prefix: "tls2  | ") == ["tls2  | out1", "tls2  | out2", "tls2  | partial"], "\(result)")
        #expect(result.lines.count == 6, "\(result)")
        #expect(Set(result.stderr.split(separator: "\n")) == ["unix1 | err1", "tls2  | err1"], "\(result)")
    }

    @Test func ttyLogsAreOneStreamWithoutCarriageReturns() throws {
        let name = FleetDocker.uniqueName("t-logs")
        defer { FleetDocker.removeEverywhere(name) }
        try Self.finishedContainer(name, tty: true, on: [try Fleet.unix1, try Fleet.tls1])
        let result = try ContainerCommandsTests.dmux("@unix1,tls1 logs --format json \(name)")
        #expect(result.status == 0, "\(result)")
        for host in ["unix1", "tls1"] {
            let expected = ["out1", "err1", "out2", "partial"].map {
                #"{"host":"\#(host)","container":"\#(name)","stream":"stdout","line":"\#($0)"}"#
            }
            #expect(result.lines.filter { $0.hasPrefix(#"{"host":"\#(host)""#) } == expected, "\(result)")
        }
        #expect(result.stderr.isEmpty, "\(result)")
    }

    @Test func severalContainersAreLabelledAndTailWorks() throws {
        let first = FleetDocker.uniqueName("t-logs")
        let second = FleetDocker.uniqueName("t-logs")
        defer { FleetDocker.removeEverywhere(first, second) }
        try Self.finishedContainer(first, tty: false, on: [try Fleet.unix1])
        try Self.finishedContainer(second, tty: true, on: [try Fleet.unix1])
        let missing = "missing-\(first)"
        let result = try ContainerCommandsTests.dmux("@unix1 logs --tail 1 \(first) \(second) \(missing)")
        #expect(result.status == 1, "\(result)")
        // Container labels are aligned to the longest name asked for; --tail 1 gives the last line.
        // One host: no host prefix, docker's words for the missing one.
        let pad = String(repeating: " ", count: missing.count - first.count)
        #expect(Set(result.lines) == ["\(first)\(pad) | partial", "\(second)\(pad) | partial"], "\(result)")
        #expect(result.stderr == "Error response from daemon: No such container: missing-\(first)\n", "\(result)")
    }

    @Test func followEndsWhenTheContainerExits() throws {
        let name = FleetDocker.uniqueName("t-logs")
        defer { FleetDocker.removeEverywhere(name) }
        for url in [try Fleet.unix1, try Fleet.tls2] {
            try FleetDocker.run(url, ["run", "-d", "--network", "none", "--name", name, Fleet.image,
                                      "sh", "-c", "for i in 1 2 3; do echo tick$i; sleep 1; done"])
        }
        let started = Date()
        let result = try ContainerCommandsTests.dmux("@unix1,tls2 logs -f \(name)")
        #expect(result.status == 0, "\(result)")
        #expect(Self.lines(result.stdout, prefix: "unix1 | ") == ["unix1 | tick1", "unix1 | tick2", "unix1 | tick3"], "\(result)")
        #expect(Self.lines(result.stdout, prefix: "tls2  | ") == ["tls2  | tick1", "tls2  | tick2", "tls2  | tick3"], "\(result)")
        #expect(Date().timeIntervalSince(started) < 15)
    }

    @Test func eventsOfTwoHostsAreMergedInTimeOrder() throws {
        let name = FleetDocker.uniqueName("t-events")
        let unix1 = try Fleet.unix1
        let tls1 = try Fleet.tls1
        defer { FleetDocker.removeEverywhere(name) }
        let since = Int(Date().timeIntervalSince1970) - 1
        // Alternate the hosts so the merged stream must interleave them.
        for step in [["create", "--network", "none", "--name", name, Fleet.image, "sleep", "300"], ["start", name], ["kill", name]] {
            for url in [unix1, tls1] {
                try FleetDocker.run(url, step)
                Thread.sleep(forTimeInterval: 0.3)
            }
        }
        let until = Int(Date().timeIntervalSince1970) + 1
        let result = try ContainerCommandsTests.dmux("@unix1,tls1 events --since \(since) --until \(until) --filter container=\(name)")
        #expect(result.status == 0, "\(result)")
        let events = result.lines.map { line -> (host: String, time: String, words: [String]) in
            let parts = line.components(separatedBy: " | ")
            let words = parts.last!.split(separator: " ").map(String.init)
            return (parts[0].trimmingCharacters(in: .whitespaces), words[0], Array(words.dropFirst()))
        }
        #expect(events.map(\.time) == events.map(\.time).sorted(), "\(result)")
        let lifecycle = events.filter { ["create", "start", "kill"].contains($0.words[1]) }
        #expect(lifecycle.map { "\($0.host) \($0.words[1])" } == [
            "unix1 create", "tls1 create", "unix1 start", "tls1 start", "unix1 kill", "tls1 kill",
        ], "\(result)")
        let json = try ContainerCommandsTests.dmux("@unix1,tls1 events --since \(since) --until \(until) --filter container=\(name) --format json")
        #expect(json.lines.count == events.count, "\(json)")
        // The engine's own objects, in the merged order, each with host first.
        #expect(json.lines.count >= 2 && json.lines[0].hasPrefix(#"{"host":"unix1","status":"create","id":""#), "\(json)")
        #expect(json.lines.count >= 2 && json.lines[1].hasPrefix(#"{"host":"tls1","status":"create","id":""#), "\(json)")
        #expect(events.allSatisfy { $0.words[0] == "container" && $0.words.joined(separator: " ").contains("image=\(Fleet.image), name=\(name)") }, "\(result)")
    }

    @Test func statsNoStreamShowsARowPerRunningContainerWithItsHost() throws {
        let name = FleetDocker.uniqueName("t-stats")
        let urls = [try Fleet.unix1, try Fleet.tls1, try Fleet.tls2]
        defer { FleetDocker.removeEverywhere(name) }
        for url in urls { try FleetDocker.run(url, ["run", "-d", "--network", "none", "--name", name, Fleet.image, "sleep", "300"]) }
        let started = Date()
        let result = try ContainerCommandsTests.dmux("@unix1,tls1,tls2 stats --no-stream \(name)")
        let elapsed = Date().timeIntervalSince(started)
        #expect(result.status == 0, "\(result)")
        #expect(elapsed < 4, "took \(elapsed) s")
        let lines = result.lines
        #expect(lines.first?.hasPrefix("HOST      CONTAINER ID   NAME") == true, "\(result)")
        for host in ["unix1", "tls1", "tls2"] {
            #expect(lines.contains { $0.hasPrefix(host) && $0.contains(" \(name) ") && $0.contains("iB / ") }, "\(result)")
            // The totals table: one row per host, one container each.
            #expect(lines.contains { $0.range(of: #"^\#(host) +1 +\d+\.\d\d% +"#, options: .regularExpression) != nil }, "\(result)")
        }
        #expect(lines.contains { $0.hasPrefix("HOST      CONTAINERS   CPU %") }, "\(result)")
    }

    @Test func statsJSONIsOneRecordPerContainerWithHost() throws {
        let name = FleetDocker.uniqueName("t-stats")
        let unix1 = try Fleet.unix1
        defer { FleetDocker.removeEverywhere(name) }
        try FleetDocker.run(unix1, ["run", "-d", "--network", "none", "--name", name, Fleet.image, "sleep", "300"])
        let result = try ContainerCommandsTests.dmux("@unix1 stats --no-stream --format json")
        #expect(result.status == 0, "\(result)")
        let mine = result.lines.filter { $0.contains(#""Name":"\#(name)""#) }
        #expect(mine.count == 1, "\(result)")
        #expect(mine.first?.hasPrefix(#"{"host":"unix1","BlockIO":"#) == true, "\(result)")
    }

    /// A live `stats` takes in a container that starts while it runs, on that container's host
    /// only, and lets it go when it stops, as `docker stats` does.
    @Test func liveStatsFollowsAContainerThatStartsLater() throws {
        let name = FleetDocker.uniqueName("t-stats-late")
        defer { FleetDocker.removeEverywhere(name) }
        let dmux = try RunningDmux(try ContainerCommandsTests.arguments("@unix1,tls1 stats --format json"),
                                   environment: ["MACHINE_STORAGE_PATH": try Fleet.machineStore])
        defer { dmux.terminate() }
        Thread.sleep(forTimeInterval: 1.5)
        #expect(dmux.isRunning, "\(dmux.transcript)")
        #expect(!dmux.stdout().contains { $0.contains(name) }, "\(dmux.transcript)")
        try FleetDocker.run(try Fleet.tls1, ["run", "-d", "--network", "none", "--name", name, Fleet.image, "sleep", "300"])
        let sampled = dmux.waitForLine(within: 10) { $0.text.hasPrefix(#"{"host":"tls1""#) && $0.text.contains(#""Name":"\#(name)""#) }
        #expect(sampled != nil, "\(dmux.transcript)")
        #expect(!dmux.stdout().contains { $0.hasPrefix(#"{"host":"unix1""#) && $0.contains(name) }, "\(dmux.transcript)")
    }

    /// Ctrl-C (SIGINT) while streaming: every stream is closed and dmux exits at once with 130.
    @Test(arguments: ["events", "logs -f NAME", "stats NAME"])
    func interruptEndsAStreamPromptly(command: String) throws {
        let name = FleetDocker.uniqueName("t-cancel")
        let urls = [try Fleet.unix1, try Fleet.tls1]
        defer { FleetDocker.removeEverywhere(name) }
        for url in urls {
            try FleetDocker.run(url, ["run", "-d", "--network", "none", "--name", name, Fleet.image, "sh", "-c", "while true; do echo tick; sleep 0.3; done"])
        }
        let dmux = try RunningDmux(try ContainerCommandsTests.arguments("@unix1,tls1 " + command.replacingOccurrences(of: "NAME", with: name)),
                                   environment: ["MACHINE_STORAGE_PATH": try Fleet.machineStore])
        Thread.sleep(forTimeInterval: 2.5)
        #expect(dmux.isRunning, "\(command) ended before the interrupt")
        let (status, took) = dmux.interrupt(within: 5)
        #expect(took < 2, "\(command) took too long to stop")
        #expect(status == 130)
        let lines = dmux.stdout()
        if command.hasPrefix("logs") { #expect(lines.contains("unix1 | tick") && lines.contains("tls1  | tick"), "\(lines)") }
        if command.hasPrefix("stats") { #expect(lines.contains { $0.contains("HOST      CONTAINER ID") }, "\(lines)") }
    }
}
