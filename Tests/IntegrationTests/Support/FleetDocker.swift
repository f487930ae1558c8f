import Foundation
import TestSupport

/// The real docker CLI against one fleet engine, named by machine (`unix1`, `tls1`, `tls2`,
/// `sock1`) or by URL. Tests make and inspect their containers with it, so what dmux sees was put
/// there by another client.
enum FleetDocker {
    /// The newest docker CLI here (28.x in /usr/local/bin; Debian's 20.10 lacks `--format json`).
    static let binary = ["/usr/local/bin/docker", "/usr/bin/docker"].first { FileManager.default.isExecutableFile(atPath: $0) } ?? "docker"

    /// The docker CLI's environment for an engine; TLS engines use their machine's certificates.
    static func environment(_ engine: String) throws -> [String: String] {
        let urls = ["unix1": try Fleet.unix1, "tls1": try Fleet.tls1, "tls2": try Fleet.tls2, "sock1": try Fleet.sock1]
        let machine = urls[engine] != nil ? engine : urls.first { $0.value == engine }?.key
        guard let machine, let url = urls[machine] else { throw SpawnError("no fleet engine named \(engine)") }
        guard machine.hasPrefix("tls") else { return ["DOCKER_HOST": url] }
        return ["DOCKER_HOST": url, "DOCKER_TLS_VERIFY": "1", "DOCKER_CERT_PATH": try Fleet.certs(machine)]
    }

    /// Runs `docker ARGS…` against `engine`, with `extra` added to its environment; throws with
    /// docker's stderr when it fails, unless allowed.
    @discardableResult
    static func run(_ engine: String, _ arguments: [String], environment extra: [String: String] = [:],
                    allowFailure: Bool = false) throws -> ProcessResult {
        let result = try ChildProcess.run(
            [binary] + arguments, stdin: "",
            environment: ["PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": try Dmux.temporaryHome()]
                .merging(try environment(engine)) { $1 }.merging(extra) { $1 },
            inherit: [:], timeout: 60)
        if result.status != 0 && !allowFailure {
            throw SpawnError("docker \(arguments.joined(separator: " ")) on \(engine) failed: \(result)")
        }
        return result
    }

    /// What `docker ARGS…` printed, trimmed.
    static func output(_ engine: String, _ arguments: [String]) throws -> String {
        try run(engine, arguments).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Creates `name` (started if `start`) on each engine; returns the IDs by engine.
    static func create(_ name: String, on engines: [String], start: Bool = false) throws -> [String: String] {
        var ids: [String: String] = [:]
        for engine in engines {
            ids[engine] = try output(engine, ["create", "--network", "none", "--name", name, Fleet.image, "sleep", "1000"])
            if start { try run(engine, ["start", name]) }
        }
        return ids
    }

    /// `running`, `paused`, `exited`…; nil when there is no such container.
    static func state(_ engine: String, _ name: String) throws -> String? {
        let result = try run(engine, ["inspect", "--format", "{{.State.Status}}", name], allowFailure: true)
        return result.status == 0 ? result.stdout.trimmingCharacters(in: .whitespacesAndNewlines) : nil
    }

    static func remove(_ name: String, from engines: [String]) {
        for engine in engines { _ = try? run(engine, ["rm", "-f", name], allowFailure: true) }
    }

    static func removeEverywhere(_ names: String...) {
        for engine in ["unix1", "tls1", "tls2"] { _ = try? run(engine, ["rm", "-f"] + names, allowFailure: true) }
    }

    /// A name no other test (or person) on the shared fleet uses.
    static func uniqueName(_ area: String) -> String {
        "\(area.hasPrefix("t-") ? area : "t-" + area)-\(UUID().uuidString.prefix(8).lowercased())"
    }
}
