import Foundation
import TestSupport

/// The fleet's private registry (scripts/fleet/registry): TLS, htpasswd, on a loopback port the
/// engines treat as insecure-by-default.
enum FleetRegistry {
    static var address: String { get throws { try Fleet.variable("DMUX_FLEET_REGISTRY") } }
    static var user: String { get throws { try Fleet.variable("DMUX_FLEET_REGISTRY_USER") } }
    static var password: String { get throws { try Fleet.variable("DMUX_FLEET_REGISTRY_PASSWORD") } }

    /// A fresh `DOCKER_CONFIG` folder for one test.
    static func configDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "dmux-docker-config-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// dmux on u1, tls1 and tls2 with `DOCKER_CONFIG` set; `path` goes before the system PATH.
    static func dmux(_ script: String, config: String, stdin: String = "", path: String? = nil) throws -> ProcessResult {
        var environment = ["MACHINE_STORAGE_PATH": try Fleet.machineStore, "DOCKER_CONFIG": config]
        if let path { environment["PATH"] = path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin") }
        return try Dmux.run(["-H", "u1=\(try Fleet.unix1)", "-c", script], stdin: stdin, environment: environment)
    }

    /// The docker CLI on `engine` with `DOCKER_CONFIG` set.
    @discardableResult
    static func docker(_ engine: String, _ arguments: [String], config: String, stdin: String = "", allowFailure: Bool = false) throws -> ProcessResult {
        let result = try ChildProcess.run(
            [FleetDocker.binary] + arguments, stdin: stdin,
            environment: ["PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": try Dmux.temporaryHome(), "DOCKER_CONFIG": config]
                .merging(try FleetDocker.environment(engine)) { $1 },
            inherit: [:], timeout: 120)
        if result.status != 0 && !allowFailure {
            throw SpawnError("docker \(arguments.joined(separator: " ")) on \(engine) failed: \(result)")
        }
        return result
    }

    /// A credential helper speaking docker-credential-helpers' protocol, keeping each server's
    /// JSON in a file of `store`; returns the folder to put on PATH (as `docker-credential-NAME`).
    static func credentialHelper(named name: String, store: String) throws -> String {
        let bin = NSTemporaryDirectory() + "dmux-helper-bin-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: store, withIntermediateDirectories: true)
        let script = """
            #!/bin/sh
            # docker-credential-helpers protocol: get / store / erase / list over stdin and stdout.
            store=\(store)
            case "$1" in
              store) json=$(cat); server=$(printf '%s' "$json" | sed 's/.*"ServerURL":"\\([^"]*\\)".*/\\1/')
                     printf '%s' "$json" >"$store/$(printf '%s' "$server" | base64 -w0 | tr '/+' '_-')" ;;
              get) server=$(cat); f="$store/$(printf '%s' "$server" | base64 -w0 | tr '/+' '_-')"
                   [ -f "$f" ] || { echo "credentials not found in native keychain"; exit 1; }
                   cat "$f" ;;
              erase) server=$(cat); f="$store/$(printf '%s' "$server" | base64 -w0 | tr '/+' '_-')"
                     [ -f "$f" ] || { echo "credentials not found in native keychain"; exit 1; }
                     rm -f "$f" ;;
              list) echo '{}' ;;
              *) echo "unknown action $1" >&2; exit 1 ;;
            esac
            """
        let path = bin + "/docker-credential-" + name
        try script.write(toFile: path, atomically: true, encoding: .utf8)
        chmod(path, 0o755)
        return bin
    }
}
