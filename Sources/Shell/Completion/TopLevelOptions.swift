/// The `dmux` executable's own options, for completing `dmux …` command lines. The executable
/// parses them with ArgumentParser (Sources/dmux/Dmux.swift); this list mirrors it so the Shell
/// module need not import the executable. Keep the two in step.
public enum TopLevelOptions {
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
        FlagSpec("format", value: "shape", help: "Output shape for every command", completion: .values(OutputShape.allCases.map(\.rawValue))),
        FlagSpec("fanout", value: "int", help: "Hosts worked on at once"),
        FlagSpec("timeout", value: "duration", help: "Per-host connect and request timeout (10s, 500ms)"),
        FlagSpec("color", value: "mode", help: "Colour: auto, always, never", completion: .values(ColorMode.allCases.map(\.rawValue))),
        FlagSpec("norc", help: "Do not run the rc file"),
        FlagSpec("help", short: "h", help: "Show help information"),
        FlagSpec("version", help: "Show dmux's version"),
    ]

    /// URL schemes offered for a `-H` value that has no scheme yet.
    static let hostSchemes = ["unix://", "tcp://", "fd://"]

    static func flag(named word: String) -> FlagSpec? {
        if word.hasPrefix("--") {
            let name = word.dropFirst(2).prefix { $0 != "=" }
            return flags.first { $0.long == name }
        }
        guard word.hasPrefix("-"), word.count >= 2 else { return nil }
        return flags.first { $0.short == word[word.index(after: word.startIndex)] }
    }
}
