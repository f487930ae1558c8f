import Endpoints
import Foundation
import Shell

/// `dmux`: a shell for many Docker engines at once.
///
/// With no words it reads commands from the terminal (REPL) or from piped stdin (batch); with
/// `-c` it runs the given lines; with a script (a word holding a `/` or ending in `.dmux`, see
/// `ScriptArgument`) it runs that file; any other words are one command line (`dmux ps -a`).
///
/// The argv is parsed by the shell's own parser against the root of the command tree (dmux's
/// options, `DmuxOptions`), not by ArgumentParser: one declaration of the options then serves
/// parsing, `--help` and completion, the words after the options reach the shell as words, and
/// a thousand `-H` cost a thousand appends.
@main
enum Dmux {
    static func main() async {
        let table = CommandTable.standard
        let parsed: ParsedArguments
        do {
            parsed = try CommandLineParser(table).parseOptions(Array(CommandLine.arguments.dropFirst()))
        } catch {
            FileHandle.standardError.write(Data(("dmux: \(error)".escapingControlCharacters + "\n").utf8))
            exit(ExitStatus.usage.rawValue)
        }
        if parsed.isOn("help") {
            print(HelpCommand.rootHelp(table), terminator: "")
            return
        }
        if parsed.isOn("version") {
            print(DmuxOptions.version)
            return
        }
        let status = await Launcher(options: parsed).run()
        // Leave without running atexit handlers and C++ destructors: the event loop threads may
        // still be finishing a TLS handshake with OpenSSL, and tearing OpenSSL down under them
        // crashes. All output is written with write(2) already; stdio is flushed here.
        fflush(nil)
        _exit(status.rawValue)
    }
}
