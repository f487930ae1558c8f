import Foundation
import TestSupport

/// One command run through dmux on one targeted engine and through the docker CLI on the same
/// engine, so a test can ask for the same bytes.
///
/// The CLI is `FleetDocker.binary`, docker 28 where it is installed: dmux follows the docker CLI
/// people use today (its `--format json`, its `system df` rules), and 28 speaks API 1.41 to the
/// fleet's 20.10 engines like any other client. Debian's 20.10 CLI is the fallback.
///
/// Time moves between the runs ("2 seconds ago", "Up 3 seconds"), so docker runs before and after
/// dmux and dmux must equal one of the two: a clock tick can fall between two of the runs, not
/// between both pairs. Nothing is rewritten, so nothing else can hide.
enum DockerParity {
    struct Outcome: Equatable, CustomStringConvertible {
        var stdout: String
        var stderr: String
        var status: Int32

        var description: String { "status \(status)\n--- stdout\n\(stdout)--- stderr\n\(stderr)---" }
    }

    struct Comparison: CustomStringConvertible {
        var dmux: Outcome
        var docker: [Outcome]
        /// What is compared: docker's stderr only where it is deterministic.
        var compareStderr: Bool

        var matches: Bool {
            docker.contains { $0.stdout == dmux.stdout && $0.status == dmux.status && (!compareStderr || $0.stderr == dmux.stderr) }
        }

        var description: String { "dmux: \(dmux)\ndocker (before): \(docker[0])\ndocker (after): \(docker[1])" }
    }

    /// The dmux command line for `arguments`, each word single-quoted as a POSIX shell would.
    static func line(_ engine: String, _ arguments: [String]) -> String {
        "@\(engine) " + arguments.map(quote).joined(separator: " ")
    }

    static func quote(_ word: String) -> String {
        "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// Runs `docker ARGS`, `dmux -c '@engine ARGS'`, `docker ARGS` again. `dmuxArguments` replaces
    /// the command words where dmux names it differently (`df` for `system df`).
    static func compare(
        _ engine: String, _ arguments: [String], dmuxArguments: [String]? = nil, compareStderr: Bool = true,
        dmuxOptions: [String]? = nil
    ) throws -> Comparison {
        let before = try docker(engine, arguments)
        let options = try dmuxOptions ?? (ThreeEngines.arguments + ["-H", "sock1=\(try Fleet.sock1)"])
        let ours = try Dmux.run(options + ["-c", line(engine, dmuxArguments ?? arguments)],
                                environment: try ThreeEngines.environment)
        let after = try docker(engine, arguments)
        return Comparison(dmux: Outcome(stdout: ours.stdout, stderr: ours.stderr, status: ours.status),
                          docker: [before, after], compareStderr: compareStderr)
    }

    static func docker(_ engine: String, _ arguments: [String]) throws -> Outcome {
        let result = try FleetDocker.run(engine, arguments, allowFailure: true)
        return Outcome(stdout: result.stdout, stderr: result.stderr, status: result.status)
    }
}
