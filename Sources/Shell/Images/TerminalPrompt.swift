internal import CPosix
import Endpoints
#if canImport(Glibc)
import Glibc
#endif

/// One line typed on the terminal that is dmux's stdin, as docker/cli's `prompt.ReadInput` reads
/// it (cli/command/registry.go `PromptUserForCredentials`): the question on stdout, the answer
/// up to the line break, trimmed; with `echo: false` the terminal does not show what is typed
/// (`prompt.DisableInputEcho`) and its modes come back whatever happens, Ctrl-C included.
struct TerminalPrompt {
    let console: Console

    /// Whether there is someone to ask: docker asks only when stdin is a terminal.
    static var canAsk: Bool { isatty(0) == 1 }

    /// The answer, or nil when input ended or the command was interrupted before a line came.
    func ask(_ question: String, echo: Bool = true) async -> String? {
        var saved = termios()
        let hidden = !echo && tcgetattr(0, &saved) == 0
        if hidden {
            var quiet = saved
            quiet.c_lflag &= ~tcflag_t(ECHO)
            _ = dmux_tcsetattr_quietly(0, &quiet)
        }
        defer {
            if hidden {
                _ = dmux_tcsetattr_quietly(0, &saved)
                console.out("\n")
            }
        }
        console.out(question)
        let reader = StdinReader()
        return await withTaskCancellationHandler {
            var line: [UInt8] = []
            for await chunk in reader.chunks() {
                guard let end = chunk.firstIndex(of: UInt8(ascii: "\n")) else {
                    line += chunk
                    continue
                }
                line += chunk[..<end]
                reader.stop()
                return String(decoding: line, as: UTF8.self).trimmingWhitespace()
            }
            return nil
        } onCancel: {
            reader.stop()
        }
    }
}
