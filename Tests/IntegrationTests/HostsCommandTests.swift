import Foundation
import Testing

/// `dmux hosts` against the real fleet: every transport answers, and dead endpoints say why.
@Suite struct HostsCommandTests {
    @Test func unixEngineIsUpWithItsVersions() throws {
        let result = try Dmux.run(["-H", "u1=\(try Fleet.unix1)", "hosts", "--format", "json"])
        #expect(result.status == 0, "\(result)")
        let line = try #require(result.lines.first)
        #expect(line.hasPrefix(#"{"host":"u1","source":"-H","url":"\#(try Fleet.unix1)","transport":"unix","tls":"none","state":"up","api":"1.41""#), "\(result)")
    }

    @Test func missingSocketIsDownWithTheReason() throws {
        let result = try Dmux.run(["-H", "gone=unix:///nonexistent/docker.sock", "hosts"])
        #expect(result.stdout.split(separator: "\n").contains { $0.hasPrefix("gone ") && $0.contains(" no socket ") }, "\(result)")
        #expect(result.stdout.hasSuffix("\ngone: cannot connect to unix:///nonexistent/docker.sock: no such socket (is the docker daemon running?)\n"), "\(result)")
    }

    @Test func noEngineAtAllSaysHowToAddOne() throws {
        let result = try Dmux.run(["hosts"])
        #expect(result.stderr.contains("no engines configured: give one with -H"), "\(result)")
    }
}
