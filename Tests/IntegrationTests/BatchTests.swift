import Foundation
import Testing

/// Batch mode through the real binary: piped scripts, `-c`, script files, `--on-error-stop`,
/// comments and blank lines, `&` with `wait`, and the exit statuses 0/1/2/3.
@Suite struct BatchTests {
    /// A unix socket nothing listens on: a host that is always down.
    static let dead = "dead=unix:///tmp/dmux-no-such-engine.sock"

    /// Docker habits: `--help` after any command is `help COMMAND`; `dmux --help` and `-h` show the
    /// options, `--version` the version; none of them needs an engine.
    @Test func helpFlagsShowUsageAndSucceed() throws {
        let ps = try Dmux.run(["-c", "ps --help; @all logs -f --help"])
        #expect(ps.status == 0 && ps.stderr == "", "\(ps)")
        #expect(ps.stdout.components(separatedBy: "Usage: ").count == 3 && ps.stdout.contains("--filter"), "\(ps)")
        // After a program's name, --help is the program's.
        let program = try Dmux.run(["-c", "!true --help"])
        #expect(!program.stdout.contains("Usage:"), "\(program)")

        for flag in ["--help", "-h"] {
            let top = try Dmux.run([flag])
            #expect(top.status == 0 && top.stdout.contains("--tlsverify") && top.stdout.contains("--norc"), "\(top)")
        }
        let version = try Dmux.run(["--version"])
        #expect(version.status == 0 && version.stdout.hasPrefix("dmux version "), "\(version)")
    }

    /// A malformed option of dmux itself is a usage error (status 2, not ArgumentParser's 64) on
    /// one line that names the option; a misspelt one is not run as a command.
    @Test func malformedOptionsAreUsageErrors() throws {
        let cases = [
            (["-H"], "dmux: Missing value for '-H <[NAME=]URL>'\n"),
            (["-H", Self.dead, "--fanout", "many", "-c", "hosts"], "dmux: invalid fanout 'many': a positive integer\n"),
            (["--tlsverfy", "ps"], "dmux: Unknown option '--tlsverfy'\n"),
            (["--norc=yes"], "dmux: The option '--norc' does not take any value, but 'yes' was specified.\n"),
        ]
        for (arguments, stderr) in cases {
            let result = try Dmux.run(arguments)
            #expect(result.status == 2 && result.stdout == "" && result.stderr == stderr, "\(result)")
        }
    }

    @Test func pipedScriptSkipsCommentsAndBlankLinesAndRunsInOrder() throws {
        let script = """
            # a comment line

            set fanout 7   # trailing comment
            set fanout
              
            group web u1
            group
            """
        let result = try Dmux.run(["-H", "u1=\(try Fleet.unix1)"], stdin: script)
        #expect(result.status == 0, "\(result)")
        #expect(result.lines == ["fanout 7", "web: u1"], "\(result)")
    }

    @Test func dashCRunsEveryLineAndAScriptFileNumbersItsErrors() throws {
        let inline = try Dmux.run(["-H", "u1=\(try Fleet.unix1)", "-c", "set timeout 3s; set timeout\nset color"])
        #expect(inline.status == 0 && inline.lines == ["timeout 3s", "color auto"], "\(inline)")

        let file = NSTemporaryDirectory() + "batch-\(UUID().uuidString).dmux"
        try "set format json\n\nnosuch\nset format\n".write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let script = try Dmux.run(["-H", "u1=\(try Fleet.unix1)", file])
        #expect(script.status == 2, "\(script)")  // the worst line: a usage error
        #expect(script.lines == ["format json"], "\(script)")  // the lines after the bad one still ran
        #expect(script.stderr.contains("\(file):3: unknown command 'nosuch'"), "\(script)")
    }

    @Test func onErrorStopEndsAtTheFirstFailingLineWithItsStatus() throws {
        let result = try Dmux.run(["-e", "-H", "u1=\(try Fleet.unix1)", "-H", Self.dead],
                                  stdin: "set fanout 3\n@dead reconnect\nset fanout\n")
        #expect(result.status == 3, "\(result)")
        #expect(result.lines == [], "the line after the failure ran: \(result)")
        #expect(result.stderr.contains("dead"), "\(result)")
    }

    @Test func exitStatusIsTheWorstLine() throws {
        let hosts = ["-H", "u1=\(try Fleet.unix1)", "-H", Self.dead]
        #expect(try Dmux.run(hosts, stdin: "@u1 reconnect\n").status == 0)
        // One of two targeted hosts failed: 1; every targeted host unreachable: 3; bad syntax: 2.
        let some = try Dmux.run(hosts, stdin: "@u1,dead reconnect\n")
        #expect(some.status == 1, "\(some)")
        #expect(some.stderr.contains("1 of 2 hosts failed: dead"), "\(some)")
        #expect(try Dmux.run(hosts, stdin: "@dead reconnect\n").status == 3)
        #expect(try Dmux.run(hosts, stdin: "set fanout 'unterminated\n").status == 2)
        #expect(try Dmux.run(hosts, stdin: "@dead reconnect\nset fanout 2\nnosuch\n").status == 3)
    }

    @Test func backgroundLinesJoinAtWaitAndTheirStatusCounts() throws {
        let hosts = ["-H", "u1=\(try Fleet.unix1)", "-H", Self.dead]
        let result = try Dmux.run(hosts, stdin: "@dead reconnect &\nset fanout 5\nset fanout\nwait\n")
        #expect(result.lines == ["fanout 5"], "\(result)")
        #expect(result.status == 3, "the background failure must count: \(result)")
        #expect(result.stderr.contains("a background command failed"), "\(result)")
    }
}
