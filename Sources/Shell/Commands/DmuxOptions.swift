/// The `dmux` executable's own options: the root of the command tree. The executable parses its
/// argv with them (`CommandLineParser.parseOptions`), `dmux --help` prints them and `__complete`
/// completes them; nothing else declares them.
public enum DmuxOptions {
    public static let version = "dmux version 0.1.0"
    public static let summary = "A shell for many Docker engines at once."
    public static let discussion = """
        Engines come from -H, DOCKER_HOST (with DOCKER_TLS_VERIFY, DOCKER_TLS, DOCKER_CERT_PATH), the
        docker-machine store (MACHINE_STORAGE_PATH or ~/.docker/machine) and docker contexts.
        A first word holding a '/' or ending in .dmux is a script file (dmux ./deploy, dmux nightly.dmux);
        any other word is a command (dmux ps never runs a file named ps).
        Exit status: 0 all targeted hosts succeeded, 1 a command failed on some host, 2 usage error,
        3 no targeted host could be reached.
        """

    public static let flags: [FlagSpec] = [
        FlagSpec("host", short: "H", value: "[NAME=]URL", repeatable: true,
                 help: "Engine to use, [NAME=]URL (repeatable): unix://PATH, tcp://HOST:PORT, ssh://[USER@]HOST[:PORT][/SOCKET], fd://N", completion: .host),
        FlagSpec("tls", help: "Use TLS (implied by --tlsverify)"),
        FlagSpec("tlsverify", help: "Use TLS and verify the engine"),
        FlagSpec("no-tlsverify", help: "Do not verify the engine"),
        FlagSpec("tlscacert", value: "file", help: "Trust certs signed only by this CA", completion: .file),
        FlagSpec("tlscert", value: "file", help: "Path to TLS certificate file", completion: .file),
        FlagSpec("tlskey", value: "file", help: "Path to TLS key file", completion: .file),
        FlagSpec("command", short: "c", value: "lines", help: "Run these lines (separated by ';' or newlines) and exit", completion: .command),
        FlagSpec("on-error-stop", short: "e", help: "Batch: stop at the first line that fails, with its status"),
        FlagSpec("format", value: "shape", help: "Output shape for every command: table, lines, grouped, json",
                 completion: .values(OutputShape.allCases.map(\.rawValue))),
        FlagSpec("fanout", value: "int", help: "Hosts worked on at once"),
        FlagSpec("timeout", value: "duration", help: "Per-host connect and request timeout (10s, 500ms)"),
        FlagSpec("color", value: "mode", help: "Colour: auto, always, never", completion: .values(ColorMode.allCases.map(\.rawValue))),
        FlagSpec("norc", help: "Do not run the rc file ($DMUX_RC, else $XDG_CONFIG_HOME/dmux/dmuxrc)"),
        FlagSpec("help", short: "h", help: "Show help information"),
        FlagSpec("version", help: "Show dmux's version"),
    ]

    /// URL schemes offered for a `-H` value that has no scheme yet.
    static let hostSchemes = ["unix://", "tcp://", "fd://"]
}
