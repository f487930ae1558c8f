import Foundation
import Testing
import TestSupport

/// start, stop, restart, kill, rm, pause, unpause through the real binary on unix1, tls1 and tls2,
/// on containers that exist on some hosts only.
@Suite struct ContainerCommandsTests {
    /// unix1 and sock1 by -H, tls1 and tls2 from the machine store.
    static func arguments(_ line: String) throws -> [String] {
        ["-H", "unix1=\(try Fleet.unix1)", "-H", "sock1=\(try Fleet.sock1)", "-c", line]
    }

    static func dmux(_ line: String) throws -> ProcessResult {
        try Dmux.run(try arguments(line), environment: ["MACHINE_STORAGE_PATH": try Fleet.machineStore])
    }

    @Test func partialFailureNamesTheHostWhereTheContainerIsMissing() throws {
        let name = FleetDocker.uniqueName("t-life")
        let hosts = [try Fleet.unix1, try Fleet.tls1]
        defer { FleetDocker.removeEverywhere(name) }
        for host in hosts { try FleetDocker.run(host, ["create", "--network", "none", "--name", name, Fleet.image, "sleep", "300"]) }

        let started = try Self.dmux("@unix1,tls1,tls2,sock1 start \(name)")
        #expect(started.status == 1, "\(started)")
        #expect(Set(started.lines) == ["unix1 | \(name)", "tls1  | \(name)"], "\(started)")
        #expect(started.stderr.contains("tls2: No such container: \(name)\n"), "\(started)")
        #expect(started.stderr.contains("sock1: No such container: \(name)\n"), "\(started)")
        #expect(started.stderr.contains("2 of 4 hosts failed: sock1 (no such container), tls2 (no such container)\n"), "\(started)")
        for host in hosts { #expect(try FleetDocker.state(host, name) == "running") }

        let paused = try Self.dmux("@unix1,tls1 pause --format json \(name)")
        #expect(paused.status == 0, "\(paused)")
        #expect(Set(paused.lines) == [
            #"{"host":"unix1","container":"\#(name)","action":"pause"}"#, #"{"host":"tls1","container":"\#(name)","action":"pause"}"#,
        ], "\(paused)")
        for host in hosts { #expect(try FleetDocker.state(host, name) == "paused") }

        let unpaused = try Self.dmux("@unix1,tls1 unpause \(name)")
        #expect(unpaused.status == 0 && unpaused.lines.count == 2, "\(unpaused)")
        for host in hosts { #expect(try FleetDocker.state(host, name) == "running") }

        let killed = try Self.dmux("@unix1 kill -s KILL \(name)")
        #expect(killed.status == 0 && killed.lines == [name], "\(killed)")
        #expect(try FleetDocker.state(hosts[0], name) == "exited")

        let restarted = try Self.dmux("@unix1,tls1 restart -t 0 \(name)")
        #expect(restarted.status == 0 && restarted.lines.count == 2, "\(restarted)")
        for host in hosts { #expect(try FleetDocker.state(host, name) == "running") }

        let stopped = try Self.dmux("@tls1 stop --time 1 \(name)")
        #expect(stopped.status == 0 && stopped.lines == [name], "\(stopped)")
        #expect(try FleetDocker.state(hosts[1], name) == "exited")

        // unix1's is still running: rm without -f is refused there in the engine's words.
        let refused = try Self.dmux("@unix1,tls1 rm \(name)")
        #expect(refused.status == 1, "\(refused)")
        #expect(refused.lines == ["tls1  | \(name)"], "\(refused)")
        #expect(refused.stderr.contains("unix1: You cannot remove a running container"), "\(refused)")

        let removed = try Self.dmux("@unix1 rm -f -v \(name)")
        #expect(removed.status == 0 && removed.lines == [name], "\(removed)")
        for host in hosts { #expect(try FleetDocker.state(host, name) == nil) }
    }

    @Test func severalContainersPrintInArgumentOrderAndEachMissingOneIsReported() throws {
        let first = FleetDocker.uniqueName("t-life")
        let second = FleetDocker.uniqueName("t-life")
        let unix1 = try Fleet.unix1
        defer { FleetDocker.removeEverywhere(first, second) }
        for name in [first, second] {
            try FleetDocker.run(unix1, ["run", "-d", "--network", "none", "--name", name, Fleet.image, "sleep", "300"])
        }
        let stopped = try Self.dmux("@unix1 stop -t 0 \(first) nope-\(first) \(second)")
        #expect(stopped.status == 1, "\(stopped)")
        // One host: docker's lines and words.
        #expect(stopped.lines == [first, second], "\(stopped)")
        #expect(stopped.stderr == "Error response from daemon: No such container: nope-\(first)\n", "\(stopped)")
        #expect(try FleetDocker.state(unix1, first) == "exited")
        #expect(try FleetDocker.state(unix1, second) == "exited")
    }

    @Test func missingArgumentIsAUsageError() throws {
        let result = try Self.dmux("@unix1 stop")
        #expect(result.status == 2, "\(result)")
        #expect(result.stderr.contains("\"dmux stop\" requires at least 1 argument. See 'dmux stop --help'. Usage:  dmux [@TARGETS] stop [OPTIONS] CONTAINER [CONTAINER...]"), "\(result)")
    }
}
