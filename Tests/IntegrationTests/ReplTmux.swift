import Foundation
import Testing

/// The real interactive REPL in a tmux pane: type keys, read the screen.
final class ReplTmux {
    let name = "dmux-repl-\(UUID().uuidString.prefix(8))"
    let history: String

    /// Starts `dmux ARGUMENTS` in a 150×40 pane with a clean environment plus `environment`.
    init(_ arguments: [String], environment: [String: String] = [:]) throws {
        history = NSTemporaryDirectory() + "dmux-history-\(UUID().uuidString)"
        var env = ["HOME": try Dmux.temporaryHome(), "DMUX_RC": "/dev/null", "LANG": "C.UTF-8", "TERM": "screen",
                   "DMUX_HISTFILE": history, "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]
        env.merge(environment) { _, new in new }
        let command = (["env", "-i"] + env.map { "\($0)=\($1)" } + [Dmux.binary] + arguments)
            .map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        // `; sleep` keeps the pane (and what dmux printed last) after dmux exits.
        try Self.tmux(["new-session", "-d", "-s", name, "-x", "150", "-y", "40", command + "; echo '[exited '$?']'; sleep 600"])
    }

    deinit {
        _ = try? Self.tmux(["kill-session", "-t", name])
        try? FileManager.default.removeItem(atPath: history)
    }

    /// `tmux send-keys`: literal text, or key names (`Tab`, `Enter`, `Up`, `C-c`).
    func send(_ keys: String..., literal: Bool = false) throws {
        try Self.tmux(["send-keys", "-t", name] + (literal ? ["-l", "--"] : []) + keys)
    }

    func type(_ text: String) throws { try send(text, literal: true) }

    var screen: String { (try? Self.tmux(["capture-pane", "-p", "-t", name])) ?? "" }

    /// The last non-empty line of the pane (where the prompt and the line being edited are).
    var lastLine: String { screen.split(separator: "\n").last.map(String.init) ?? "" }

    /// Polls the screen until `condition` holds; records an issue with the screen when it never does.
    @discardableResult
    func waitFor(_ what: String, timeout: Double = 10, _ condition: (String) -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if condition(screen) { return true }
            usleep(50_000)
        }
        Issue.record("timed out waiting for \(what); screen:\n\(screen)")
        return false
    }

    @discardableResult
    static func tmux(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/tmux")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        guard process.terminationStatus == 0 else { throw SpawnError("tmux \(arguments.first ?? ""): \(text)") }
        return text
    }
}

/// Containers made with the docker CLI for a test, removed at the end.
struct FleetContainers {
    /// docker CLI arguments that reach each fleet engine.
    static func docker(_ host: String) throws -> [String] {
        switch host {
        case "u1": return ["-H", try Fleet.unix1]
        default:
            let certs = try Fleet.certs(host)
            let url = host == "tls1" ? try Fleet.tls1 : try Fleet.tls2
            return ["--tlsverify", "--tlscacert", certs + "/ca.pem", "--tlscert", certs + "/cert.pem",
                    "--tlskey", certs + "/key.pem", "-H", url]
        }
    }

    @discardableResult
    static func run(_ host: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["docker"] + (try docker(host)) + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        guard process.terminationStatus == 0 else { throw SpawnError("docker \(arguments.joined(separator: " ")) on \(host): \(text)") }
        return text
    }

    /// `docker run -d --network none --name NAME IMAGE sh -c SCRIPT` on every host in `hosts`.
    static func start(_ name: String, on hosts: [String], script: String) throws {
        for host in hosts {
            try run(host, ["run", "-d", "--network", "none", "--name", name, Fleet.image, "sh", "-c", script])
        }
    }

    static func remove(_ name: String, on hosts: [String]) {
        for host in hosts { _ = try? run(host, ["rm", "-f", name]) }
    }
}
