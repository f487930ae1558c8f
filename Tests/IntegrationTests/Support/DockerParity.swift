import Core
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

    /// The dmux command line for `arguments`, each word quoted for dmux's language.
    static func line(_ engine: String, _ arguments: [String]) -> String {
        "@\(engine) " + arguments.map(ShellWord.quotedForDmux).joined(separator: " ")
    }

    /// Runs `docker ARGS`, `dmux -c '@engine ARGS'`, `docker ARGS` again. `dmuxArguments` replaces
    /// the command words where dmux names it differently (`df` for `system df`).
    static func compare(
        _ engine: String, _ arguments: [String], dmuxArguments: [String]? = nil, compareStderr: Bool = true,
        dmuxOptions: [String]? = nil
    ) async throws -> Comparison {
        let before = try await docker(engine, arguments)
        let ours = try await dmux(line(engine, dmuxArguments ?? arguments), options: dmuxOptions)
        let after = try await docker(engine, arguments)
        return Comparison(dmux: Outcome(stdout: ours.stdout, stderr: ours.stderr, status: ours.status),
                          docker: [before, after], compareStderr: compareStderr)
    }

    /// Copies the test image from unix1 when `engine` lacks it (sock1 starts without one): a
    /// `docker save | docker load` pipe, as no registry is reachable.
    static func ensureImage(on engine: String) throws {
        if try FleetDocker.run(engine, ["image", "inspect", Fleet.image], allowFailure: true).status == 0 { return }
        let from = try FleetDocker.environment("unix1")["DOCKER_HOST"]!
        let result = try ChildProcess.run(
            ["/bin/sh", "-c", "\"$0\" -H \"$1\" save \"$2\" | \"$0\" load", FleetDocker.binary, from, Fleet.image],
            stdin: "", environment: ["PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": try Dmux.temporaryHome()]
                .merging(try FleetDocker.environment(engine)) { $1 },
            inherit: [:], timeout: 60)
        guard result.status == 0 else { throw SpawnError("copying \(Fleet.image) to \(engine) failed: \(result)") }
    }

    /// dmux with every fleet engine (unix1 and sock1 by -H, tls1 and tls2 from the machine store), or `options`.
    static func dmux(_ line: String, options: [String]? = nil) async throws -> ProcessResult {
        let options = try options ?? (ThreeEngines.arguments + ["-H", "sock1=\(try Fleet.sock1)"])
        let environment = try ThreeEngines.environment
        return try await onOwnThread { try Dmux.run(options + ["-c", line], environment: environment) }
    }

    static func docker(_ engine: String, _ arguments: [String]) async throws -> Outcome {
        let result = try await onOwnThread { try FleetDocker.run(engine, arguments, allowFailure: true) }
        return Outcome(stdout: result.stdout, stderr: result.stderr, status: result.status)
    }

    /// Waits for a child process on a thread of its own: hundreds of them in a row must not hold
    /// one of the two threads of the cooperative pool, which other suites' fake engines need.
    static func onOwnThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try body() }) }.start()
        }
    }
}
