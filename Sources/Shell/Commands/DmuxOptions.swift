import ArgumentParser

/// The `dmux` executable's own options, declared once, for swift-argument-parser: the executable
/// parses its argv with this type, and the root of the command tree (`dmux --help`, `__complete`,
/// the completion scripts) is derived from ArgumentParser's description of it (`rootFlags`, read
/// by `ToolInfoFlags`). Nothing else declares them.
///
/// The values stay words where the shell's `set` takes the same setting (`--format`, `--fanout`,
/// `--timeout`, `--color`): `ShellSettings.set` is their one validator, so `dmux --fanout 0` and
/// `set fanout 0` refuse with the same words.
public struct DmuxOptions: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "dmux",
        // ArgumentParser looks for `--generate-completion-script` anywhere in the argv, the
        // command's words too, and prints its own script instead of running the command, except
        // under a super-command (swift-argument-parser Sources/ArgumentParser/Parsing/
        // CommandParser.swift, checkForCompletionScriptRequest). dmux's scripts come from its
        // tree (`dmux completion SHELL`), and `dmux '!tool' --generate-completion-script bash`
        // is the tool's. No help page of ArgumentParser's, which would name it, is ever printed.
        _superCommandName: "",
        abstract: "A shell for many Docker engines at once.",
        discussion: """
            Engines come from -H, DOCKER_HOST (with DOCKER_TLS_VERIFY, DOCKER_TLS, DOCKER_CERT_PATH), the
            docker-machine store (MACHINE_STORAGE_PATH or ~/.docker/machine) and docker contexts.
            A first word holding a '/' or ending in .dmux is a script file (dmux ./deploy, dmux nightly.dmux);
            any other word is a command (dmux ps never runs a file named ps).
            Exit status: 0 all targeted hosts succeeded, 1 a command failed on some host, 2 usage error,
            3 no targeted host could be reached.
            """,
        // `-h, --help` and `--version` are declared below like every other option, so that the tree's
        // root has them and ArgumentParser's own help page can never be printed beside ours.
        helpNames: [])

    public static let version = "dmux version 0.1.0"

    @Option(name: [.customShort("H"), .customLong("host")],
            help: ArgumentHelp("Engine to use, [NAME=]URL (repeatable): unix://PATH, tcp://HOST:PORT, ssh://[USER@]HOST[:PORT][/SOCKET], fd://N",
                               valueName: "[NAME=]URL"),
            completion: DmuxOptions.dynamic)
    public var hosts: [String] = []

    @Flag(name: .customLong("tls"), help: "Use TLS (implied by --tlsverify)")
    public var tls = false

    @Flag(name: .customLong("tlsverify"), help: "Use TLS and verify the engine")
    public var tlsVerify = false

    @Flag(name: .customLong("no-tlsverify"), help: "Do not verify the engine")
    public var noTLSVerify = false

    @Option(name: .customLong("tlscacert"), help: ArgumentHelp("Trust certs signed only by this CA", valueName: "file"),
            completion: .file())
    public var tlsCACert: String?

    @Option(name: .customLong("tlscert"), help: ArgumentHelp("Path to TLS certificate file", valueName: "file"),
            completion: .file())
    public var tlsCert: String?

    @Option(name: .customLong("tlskey"), help: ArgumentHelp("Path to TLS key file", valueName: "file"),
            completion: .file())
    public var tlsKey: String?

    @Option(name: [.customShort("c"), .customLong("command")],
            help: ArgumentHelp("Run these lines (separated by ';' or newlines) and exit", valueName: "lines"),
            completion: DmuxOptions.dynamic)
    public var command: String?

    @Flag(name: [.customShort("e"), .customLong("on-error-stop")], help: "Batch: stop at the first line that fails, with its status")
    public var onErrorStop = false

    @Option(help: ArgumentHelp("Output shape for every command: table, lines, grouped, json", valueName: "shape"),
            completion: .list(OutputShape.allCases.map(\.rawValue)))
    public var format: String?

    @Option(help: ArgumentHelp("Hosts worked on at once", valueName: "int"))
    public var fanout: String?

    @Option(help: ArgumentHelp("Per-host connect and request timeout (10s, 500ms)", valueName: "duration"))
    public var timeout: String?

    @Option(help: ArgumentHelp("Colour: auto, always, never", valueName: "mode"),
            completion: .list(ColorMode.allCases.map(\.rawValue)))
    public var color = "auto"

    @Flag(name: .customLong("norc"), help: "Do not run the rc file ($DMUX_RC, else $XDG_CONFIG_HOME/dmux/dmuxrc)")
    public var noRC = false

    @Flag(name: [.customShort("h"), .customLong("help")], help: "Show help information")
    public var help = false

    @Flag(name: .customLong("version"), help: "Show dmux's version")
    public var showVersion = false

    /// Every word from the first one that is not one of dmux's options, verbatim, `--` included.
    @Argument(parsing: .captureForPassthrough,
              help: "A script (a path with a '/' or a name ending in .dmux), or one command line (dmux ps -a)")
    var remainder: [String] = []

    public init() {}

    /// The words after dmux's own options: a script, or one command line whose flags are the
    /// command's (`dmux ps -a`, `dmux logs -f web`). A `--` only ends dmux's options (`dmux -- ps`).
    public var words: [String] { remainder.first == "--" ? Array(remainder.dropFirst()) : remainder }

    /// A misspelt option of dmux's (`dmux --tlsverfy ps`) is refused as one, not run as a command.
    /// (ArgumentParser calls this more than once: it must not change anything.)
    public func validate() throws {
        guard let first = remainder.first, first.hasPrefix("-"), first != "-", first != "--" else { return }
        throw ValidationError("Unknown option '\(first)'")
    }

    // MARK: What the tree makes of this declaration

    /// The root node's flags, derived once from this declaration.
    public static let rootFlags: [FlagSpec] = ToolInfoFlags.flags(of: Self.self, custom: customCompletion)

    /// ArgumentParser's tool info says only "custom" for an option whose candidates are computed;
    /// this is where the tree learns which of dmux's sources answers for each (by long name).
    static let customCompletion: [String: CompletionSource] = ["host": .host, "command": .command]

    /// The completion kind of an option whose candidates dmux computes itself: `dmux __complete`
    /// answers for it (see `customCompletion`), never ArgumentParser's completion scripts.
    private static var dynamic: CompletionKind { .custom { _, _, _ in [] } }

    /// URL schemes offered for a `-H` value that has no scheme yet.
    static let hostSchemes = ["unix://", "tcp://", "fd://"]
}
