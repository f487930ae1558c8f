import Endpoints
import FanOut
import Foundation
import LineEditor

/// The REPL: the batch loop's language over the line editor, with a prompt that shows the target
/// set and its health, history, Ctrl-C to cancel a command on every host, Ctrl-D to leave.
public struct InteractiveRunner: Sendable {
    public let shell: Shell
    public let environment: [String: String]

    public init(shell: Shell, environment: [String: String]) {
        self.shell = shell
        self.environment = environment
    }

    public func run() async -> ExitStatus {
        // Let the first prompt show real health: wait (bounded by the timeout) for the start-up pings.
        await shell.registry.connectAll(fanout: shell.settings.fanout)
        let completion = ShellCompletion(shell: shell)
        let editor = EditLineSource(historyFile: historyPath, completion: completion, isSensitive: Self.isSensitive)
        let console = shell.console
        let health = Task { [shell] in
            await HealthMonitor(registry: shell.registry, fanout: { shell.settings.fanout }) {
                console.err($0.escapingControlCharacters + "\n")
            }.run()
        }
        defer {
            health.cancel()
            editor.close()
        }
        while shell.exitRequested == nil {
            let event = await prompting(editor) { await editor.next(prompt: prompt) }
            switch event {
            case .line(let text):
                if text.allSatisfy(\.isWhitespace) { continue }
                let status = await BatchRunner.runCancellable(text, on: shell, label: "", interrupts: .shared)
                if status == nil { shell.console.err("^C cancelled\n") }
                completion.refreshAfterCommand()
            case .interrupt:
                continue
            case .endOfInput:
                return shell.exitRequested ?? .success
            }
        }
        return shell.exitRequested ?? .success
    }

    /// Output that arrives while a prompt shows (a background job, a host changing state) is
    /// printed above the prompt; at any other time it goes straight to stdout and stderr.
    private func prompting(_ editor: EditLineSource, _ read: () async -> LineEvent) async -> LineEvent {
        let console = shell.console as? StandardConsole
        console?.redirectWhilePrompting { editor.printAbovePrompt($0) }
        defer { console?.redirectWhilePrompting(nil) }
        return await read()
    }

    /// `dmux [all: 3/4 up]> `, or the sticky target set: `dmux [web*: 2/2 up]> `.
    var prompt: String {
        let target = shell.stickyTarget
        let hosts = (try? target.map { try shell.registry.resolve($0) }) ?? shell.registry.sessions
        let up = hosts.filter(\.status.isUp).count
        return "dmux [\(target ?? "all"): \(up)/\(hosts.count) up]> "
    }

    /// `$DMUX_HISTFILE`, else `$XDG_STATE_HOME/dmux/history` (`~/.local/state/dmux/history`).
    var historyPath: String {
        if let path = environment["DMUX_HISTFILE"], !path.isEmpty { return path }
        let state = environment["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.local/state"
        return state + "/dmux/history"
    }

    /// Lines that carry secrets stay in memory only: `--password`, `--password=X`, and for
    /// `login` its short form `-p X` and the joined `-pX` (pflag, which docker/cli uses, reads
    /// `-pSECRET` as `-p SECRET`).
    static func isSensitive(_ line: String) -> Bool {
        let words = (try? Tokenizer.split(line).flatMap(\.words)) ?? line.split(separator: " ").map(String.init)
        return words.contains { $0 == "--password" || $0.hasPrefix("--password=") || $0 == "--password-stdin" }
            || (words.contains("login") && words.contains { $0.hasPrefix("-p") })
    }
}
