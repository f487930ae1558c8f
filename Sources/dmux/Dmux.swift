import ArgumentParser
import Endpoints
import Foundation
import LineEditor
import NIOPosix
import Shell

/// `dmux`: a shell for many Docker engines at once.
///
/// With no words it reads commands from the terminal (REPL) or from piped stdin (batch); with
/// `-c` it runs the given lines; with a script (a word holding a `/` or ending in `.dmux`, see
/// `ScriptArgument`) it runs that file; any other words are one command line (`dmux ps -a`).
@main
struct Dmux: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dmux",
        abstract: "A shell for many Docker engines at once.",
        discussion: """
            Engines come from -H, DOCKER_HOST (with DOCKER_TLS_VERIFY, DOCKER_TLS, DOCKER_CERT_PATH), the \
            docker-machine store (MACHINE_STORAGE_PATH or ~/.docker/machine) and docker contexts.
            A first word holding a '/' or ending in .dmux is a script file (dmux ./deploy, dmux nightly.dmux); \
            any other word is a command (dmux ps never runs a file named ps).
            Exit status: 0 all targeted hosts succeeded, 1 a command failed on some host, 2 usage error, \
            3 no targeted host could be reached.
            """,
        version: "dmux version 0.1.0")

    @Option(name: [.customShort("H"), .customLong("host")], help: "Engine to use, [NAME=]URL (repeatable): unix://PATH, tcp://HOST:PORT, ssh://[USER@]HOST[:PORT][/SOCKET], fd://N")
    var hosts: [String] = []

    @Flag(name: .customLong("tls"), help: "Use TLS (implied by --tlsverify)")
    var tls = false

    @Flag(name: .customLong("tlsverify"), inversion: .prefixedNo, help: "Use TLS and verify the engine")
    var tlsVerify: Bool?

    @Option(name: .customLong("tlscacert"), help: "Trust certs signed only by this CA")
    var tlsCACert: String?

    @Option(name: .customLong("tlscert"), help: "Path to TLS certificate file")
    var tlsCert: String?

    @Option(name: .customLong("tlskey"), help: "Path to TLS key file")
    var tlsKey: String?

    @Option(name: [.customShort("c"), .customLong("command")], help: "Run these lines (separated by ';' or newlines) and exit")
    var command: String?

    @Flag(name: [.customShort("e"), .customLong("on-error-stop")], help: "Batch: stop at the first line that fails, with its status")
    var onErrorStop = false

    @Option(help: "Output shape for every command: table, lines, grouped, json")
    var format: String?

    @Option(help: "Hosts worked on at once")
    var fanout: Int?

    @Option(help: "Per-host connect and request timeout (10s, 500ms)")
    var timeout: String?

    @Option(help: "Colour: auto, always, never")
    var color: String = "auto"

    @Flag(name: .customLong("norc"), help: "Do not run the rc file ($DMUX_RC, else $XDG_CONFIG_HOME/dmux/dmuxrc)")
    var noRC = false

    @Argument(parsing: .captureForPassthrough, help: "A script (a path with a '/' or a name ending in .dmux), or one command line (dmux ps -a)")
    var words: [String] = []

    /// ArgumentParser's own `main`, but with the `-H` values split out first (see `HostFlagSplit`).
    static func main() async {
        let split = HostFlagSplit(Array(CommandLine.arguments.dropFirst()))
        do {
            var dmux = try parse(split.remaining)
            dmux.hosts = split.hosts + dmux.hosts
            try await dmux.run()
        } catch {
            // A malformed option is a usage error: status 2, like every other one (ArgumentParser's is 64).
            guard exitCode(for: error) == .validationFailure else { exit(withError: error) }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(ExitStatus.usage.rawValue)
        }
    }

    func run() async throws {
        // The words capture everything after dmux's own options, ArgumentParser's --help included.
        if command == nil, let first = words.first {
            switch first {
            case "--help", "-h":
                print(Self.helpMessage())
                return
            case "--version":
                print(Self.configuration.version)
                return
            default:
                break
            }
        }
        let status = await Launcher(options: self).run()
        // Leave without running atexit handlers and C++ destructors: the event loop threads may
        // still be finishing a TLS handshake with OpenSSL, and tearing OpenSSL down under them
        // crashes. All output is written with write(2) already; stdio is flushed here.
        fflush(nil)
        _exit(status.rawValue)
    }
}
