import Foundation
import Testing
import TestSupport

/// `run` and `exec` through the real binary on three engines (a unix socket and two TLS machines).
@Suite struct RunCommandsTests {
    /// `-H u1=…` plus the machine store that adds tls1 and tls2.
    static func fleet(_ script: String, stdin: String = "") throws -> ProcessResult {
        try Dmux.run(["-H", "u1=\(try Fleet.unix1)", "-c", script], stdin: stdin,
                     environment: ["MACHINE_STORAGE_PATH": try Fleet.machineStore])
    }

    static func uniqueName(_ area: String) -> String { "t-\(area)-\(UUID().uuidString.prefix(8).lowercased())" }

    @Test func runOnThreeHostsStreamsEachHostsLinesAndFailsOnExitCode3() throws {
        let name = Self.uniqueName("run")
        let result = try Self.fleet(
            "@u1,tls1,tls2 run --rm --name \(name) --network none \(Fleet.image) sh -c 'echo out; echo err >&2; exit 3'")
        #expect(result.status == 1, "\(result)")
        #expect(Set(result.lines) == ["u1   | out", "tls1 | out", "tls2 | out"], "\(result)")
        for host in ["u1  ", "tls1", "tls2"] {
            #expect(result.stderr.contains("\(host) | err\n"), "\(result)")
        }
        #expect(result.stderr.contains("3 of 3 hosts failed: tls1 (exit code 3), tls2 (exit code 3), u1 (exit code 3)\n"), "\(result)")
        // --rm removed it everywhere.
        let gone = try Self.fleet("@u1,tls1,tls2 api GET /containers/\(name)/json")
        #expect(gone.status == 1, "\(gone)")
        #expect(gone.stderr.contains("u1: No such container: \(name)"), "\(gone)")
        #expect(gone.stderr.contains("3 of 3 hosts failed"), "\(gone)")
    }

    @Test func runJSONHasEveryLineAndEachExitCodeWithItsHost() throws {
        let result = try Self.fleet(
            "@u1,tls1 run --rm --network none --format json -e WHO=json \(Fleet.image) sh -c 'echo $WHO; exit 0'")
        #expect(result.status == 0, "\(result)")
        #expect(Set(result.lines) == [
            #"{"host":"u1","stream":"stdout","line":"json"}"#, #"{"host":"u1","exit_code":0}"#,
            #"{"host":"tls1","stream":"stdout","line":"json"}"#, #"{"host":"tls1","exit_code":0}"#,
        ], "\(result)")
    }

    @Test func runGroupedFoldsIdenticalOutput() throws {
        let result = try Self.fleet("@u1,tls1,tls2 run --rm --network none --format grouped \(Fleet.image) echo same")
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout == "----------------\nu1,tls1,tls2 (3)\n----------------\nsame\n", "\(result)")
    }

    @Test func detachedRunThenExecReportsOutputExitCodesAndAMissingContainer() throws {
        let name = Self.uniqueName("exec")
        defer { _ = try? Self.fleet("@u1,tls1 api DELETE '/containers/\(name)?force=1'") }
        let started = try Self.fleet("@u1,tls1 run -d --name \(name) --network none \(Fleet.image) sleep 120")
        #expect(started.status == 0, "\(started)")
        #expect(started.lines.count == 2 && started.lines.allSatisfy { $0.range(of: #"^(u1  |tls1) \| [0-9a-f]{64}$"#, options: .regularExpression) != nil }, "\(started)")

        let partial = try Self.fleet("@u1,tls1,tls2 exec \(name) sh -c 'echo hi; echo oops >&2'")
        #expect(partial.status == 1, "\(partial)")
        #expect(Set(partial.lines) == ["u1   | hi", "tls1 | hi"], "\(partial)")
        #expect(partial.stderr.contains("u1   | oops\n"), "\(partial)")
        #expect(partial.stderr.contains("tls2: No such container: \(name)\n"), "\(partial)")
        #expect(partial.stderr.contains("1 of 3 hosts failed: tls2 (no such container)\n"), "\(partial)")

        let failing = try Self.fleet("@u1,tls1 exec --format json \(name) sh -c 'exit 5'")
        #expect(failing.status == 1, "\(failing)")
        #expect(failing.lines.contains(#"{"host":"u1","exit_code":5}"#), "\(failing)")
        #expect(failing.lines.contains(#"{"host":"tls1","error":"exit code 5"}"#), "\(failing)")

        // One host: docker's bytes, no prefix.
        let piped = try Self.fleet("@u1 exec -i \(name) cat", stdin: "hello\nworld\n")
        #expect(piped.status == 0, "\(piped)")
        #expect(piped.stdout == "hello\nworld\n", "\(piped)")
        let twoHosts = try Self.fleet("@u1,tls1 exec -i \(name) cat", stdin: "hello\n")
        #expect(twoHosts.status == 0 && Set(twoHosts.lines) == ["u1   | hello", "tls1 | hello"], "\(twoHosts)")
    }

    @Test func execItNeedsExactlyOneHost() throws {
        let result = try Self.fleet("@u1,tls1 exec -it whatever sh")
        #expect(result.status == 2, "\(result)")
        #expect(result.stderr.contains("exec -it needs exactly one host, not 2"), "\(result)")
    }
}
