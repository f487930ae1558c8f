import Foundation
import Testing
import TestSupport

/// Issue 17: every message a user reads is words, never a Swift type or enum case name
/// (`SocketAddressError.UnknownHost: …`), and `hosts` keeps STATE short with the whole reason
/// below the table. Driven through the real binary with typical failures: a name that does not
/// resolve, a refused port, a stopped engine, a CA that did not sign the engine.
@Suite struct ErrorWordsTests {
    /// How Swift prints a type or case that has no description of its own.
    static var typeName: Regex<Substring> { #/[A-Z][a-zA-Z]+Error\.|\.[a-z]+\(/# }

    static func expectWords(_ result: ProcessResult, sourceLocation: SourceLocation = #_sourceLocation) {
        for line in (result.stdout + result.stderr).split(separator: "\n") {
            #expect(line.firstMatch(of: typeName) == nil, "a type name: \(line)", sourceLocation: sourceLocation)
        }
    }

    @Test func unknownHostRefusedPortAndStoppedEngine() throws {
        let engine = try FaultEngine(name: "stopped")
        defer { engine.stop() }
        engine.pause()
        defer { engine.resume() }
        let hosts = ["-H", "nohost=tcp://nosuch.invalid:2375", "-H", "refused=tcp://127.0.0.1:1", "-H", "stopped=\(engine.url)",
                     "-H", "u1=\(try Fleet.unix1)"]
        let result = try Dmux.run(hosts + ["--timeout", "2s", "-c", "hosts; hosts -v; ps; @nohost,refused,stopped version; info"])
        Self.expectWords(result)
        #expect(result.stdout.contains("nohost: cannot connect to tcp://nosuch.invalid:2375: dial tcp: lookup nosuch.invalid"), "\(result)")
        #expect(result.stdout.contains("refused: cannot connect to tcp://127.0.0.1:1: connection refused"), "\(result)")
        #expect(result.stdout.contains("stopped: timed out after 2 s"), "\(result)")

        // STATE is a few words; the table stays narrow and the reasons follow it, one line per host.
        let table = result.stdout.split(separator: "\n").prefix { !$0.hasPrefix("nohost:") }
        #expect(table.count == 5, "a header and four rows: \(result)")
        #expect(table.allSatisfy { !$0.contains("cannot connect") && !$0.contains("timed out") }, "\(result)")
        #expect(table.contains { $0.hasPrefix("refused ") && $0.contains(" refused ") }, "\(result)")
        #expect(table.contains { $0.hasPrefix("stopped ") && $0.contains(" timeout ") }, "\(result)")
        #expect(table.contains { $0.hasPrefix("u1 ") && $0.contains(" up ") }, "\(result)")
        // -v: a REASON column instead of the lines below.
        let verbose = result.stdout.split(separator: "\n").drop { !$0.hasPrefix("HOST") }.dropFirst().drop { !$0.hasPrefix("HOST") }
        #expect(verbose.first?.hasSuffix("REASON") == true, "\(result)")
        #expect(verbose.contains { $0.hasPrefix("refused ") && $0.hasSuffix("connection refused (is the docker daemon running?)") }, "\(result)")
    }

    @Test func anEngineSignedByAnotherCA() throws {
        let other = try TestAuthority(organization: "not-the-engines-ca")
        defer { other.remove() }
        let folder = try Fleet.certs("tls1")
        let result = try Dmux.run(["--tlsverify", "--tlscacert", other.caFile, "--tlscert", folder + "/cert.pem",
                                   "--tlskey", folder + "/key.pem", "-H", "w=\(try Fleet.tls1)", "-c", "hosts; ps"])
        Self.expectWords(result)
        #expect(result.stdout.split(separator: "\n").contains { $0.hasPrefix("w ") && $0.contains(" tls: bad ca ") }, "\(result)")
        #expect(result.stdout.contains("w: TLS: certificate verify failed: certificate signed by unknown authority"), "\(result)")
    }

    /// A `-H` the user typed that cannot be parsed stops dmux before anything is sent; the same
    /// value found in DOCKER_HOST is a diagnostic and the other engines are used.
    @Test func aBadHostFlagIsAUsageError() throws {
        for bad in ["ssh-typo://x", "x=something with spaces"] {
            let result = try Dmux.run(["-H", bad, "-H", "u1=\(try Fleet.unix1)", "hosts"])
            #expect(result.status == 2, "\(result)")
            #expect(result.stdout.isEmpty, "\(result)")
            #expect(result.stderr.hasPrefix("error: -H \(bad): "), "\(result)")
            Self.expectWords(result)
        }
        let fromEnvironment = try Dmux.run(["-H", "u1=\(try Fleet.unix1)", "hosts"], environment: ["DOCKER_HOST": "ssh-typo://x"])
        #expect(fromEnvironment.status == 0, "\(fromEnvironment)")
        #expect(fromEnvironment.stderr.contains("error: DOCKER_HOST=ssh-typo://x: invalid bind address format: ssh-typo://x"), "\(fromEnvironment)")
        #expect(fromEnvironment.stdout.contains("u1 "), "\(fromEnvironment)")
    }

    /// `-H x=` is docker's default host under the name x, as `docker -H ""`.
    @Test func anEmptyValueAfterTheNameIsDockersDefaultHost() throws {
        let result = try Dmux.run(["-H", "x=", "hosts", "--format", "json"])
        #expect(result.stdout.hasPrefix(#"{"host":"x","source":"-H","url":"unix:///var/run/docker.sock""#), "\(result)")
    }
}
