import Core
import Foundation
import Testing
import TestSupport

/// The real interactive REPL in a tmux pane: type keys, read the screen.
///
/// Each instance runs its own tmux server (`-S socket`): with one shared server, the session a test kills
/// can take the server down while the next test's `new-session` is connecting to it ("server exited
/// unexpectedly").
final class ReplTmux {
    let name = "dmux-repl-\(UUID().uuidString.prefix(8))"
    let history: String
    let socket = NSTemporaryDirectory() + "dmux-tmux-\(UUID().uuidString.prefix(8))"

    /// Starts `dmux ARGUMENTS` in a 150×40 pane with a clean environment plus `environment`.
    init(_ arguments: [String], environment: [String: String] = [:]) throws {
        history = NSTemporaryDirectory() + "dmux-history-\(UUID().uuidString)"
        var env = ["HOME": try Dmux.temporaryHome(), "DMUX_RC": "/dev/null", "LANG": "C.UTF-8", "TERM": "screen",
                   "DMUX_HISTFILE": history, "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]
        env.merge(environment) { _, new in new }
        let command = (["env", "-i"] + env.map { "\($0)=\($1)" } + [Dmux.binary] + arguments)
            .map(ShellWord.quotedForPOSIXShell).joined(separator: " ")
        // `; sleep` keeps the pane (and what dmux printed last) after dmux exits.
        try tmux(["new-session", "-d", "-s", name, "-x", "150", "-y", "40", command + "; echo '[exited '$?']'; sleep 600"])
    }

    deinit {
        _ = try? tmux(["kill-server"])
        try? FileManager.default.removeItem(atPath: history)
        try? FileManager.default.removeItem(atPath: socket)
    }

    /// `tmux send-keys`: literal text, or key names (`Tab`, `Enter`, `Up`, `C-c`).
    func send(_ keys: String..., literal: Bool = false) throws {
        try tmux(["send-keys", "-t", name] + (literal ? ["-l", "--"] : []) + keys)
    }

    func type(_ text: String) throws { try send(text, literal: true) }

    var screen: String { (try? tmux(["capture-pane", "-p", "-t", name])) ?? "" }

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

    /// Runs `tmux ARGS…` against this pane's own server, without any user configuration, bounded: a tmux
    /// that does not answer fails the test instead of hanging it.
    @discardableResult
    func tmux(_ arguments: [String]) throws -> String {
        let result = try ChildProcess.run(["/usr/bin/tmux", "-S", socket, "-f", "/dev/null"] + arguments, stdin: "",
                                    environment: ["PATH": "/usr/bin:/bin", "HOME": NSTemporaryDirectory()],
                                    inherit: [:], timeout: 20)
        guard result.status == 0 else { throw SpawnError("tmux \(arguments.first ?? ""): \(result)") }
        return result.stdout
    }
}
