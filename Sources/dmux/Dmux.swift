import ArgumentParser
import Endpoints
import Foundation
import Shell

/// `dmux`: a shell for many Docker engines at once.
///
/// With no words it reads commands from the terminal (REPL) or from piped stdin (batch); with
/// `-c` it runs the given lines; with a script (a word holding a `/` or ending in `.dmux`, see
/// `ScriptArgument`) it runs that file; any other words are one command line (`dmux ps -a`).
///
/// ArgumentParser parses the argv from `DmuxOptions`, the one declaration of dmux's options; the
/// command tree's root, `dmux --help` and completion are derived from that same declaration.
@main
enum Dmux {
    static func main() async {
        let options: DmuxOptions
        do {
            options = try DmuxOptions.parse(Array(CommandLine.arguments.dropFirst()))
        } catch {
            stop(parsing: error)
        }
        if options.help {
            print(HelpCommand.rootHelp(.standard), terminator: "")
            return
        }
        if options.showVersion {
            print(DmuxOptions.version)
            return
        }
        let status = await Launcher(options: options).run()
        // Leave without running atexit handlers and C++ destructors: the event loop threads may
        // still be finishing a TLS handshake with OpenSSL, and tearing OpenSSL down under them
        // crashes. All output is written with write(2) already; stdio is flushed here.
        fflush(nil)
        _exit(status.rawValue)
    }

    /// Where ArgumentParser stopped. Its usage errors exit 64 (EX_USAGE) with the error, a help
    /// line and the usage; dmux's exit 2 with one line naming the option, as every usage error.
    private static func stop(parsing error: any Error) -> Never {
        let message = DmuxOptions.message(for: error)
        if DmuxOptions.exitCode(for: error) == .success {
            // ArgumentParser's answers that are not errors (its `---completion` protocol).
            print(message)
            exit(0)
        }
        FileHandle.standardError.write(Data(("dmux: \(message)".escapingControlCharacters + "\n").utf8))
        exit(ExitStatus.usage.rawValue)
    }
}
