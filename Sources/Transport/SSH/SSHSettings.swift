#if canImport(Glibc)
import Glibc
#endif
import Endpoints
import Foundation

/// How dmux runs the system OpenSSH client for `ssh://` engines: the user's own ssh config, agent
/// and known_hosts, plus what the environment adds, and where the control masters listen.
///
/// - `DMUX_SSH_CONFIG=FILE`: `ssh -F FILE` (instead of `~/.ssh/config`; the fleet and the tests use
///   it so that they never touch the user's `~/.ssh`, which OpenSSH finds through the passwd entry).
/// - `DMUX_SSH_OPTS="-o Name=value -i KEY …"`: more ssh options, split at white space, placed before
///   dmux's own so that they win (ssh keeps the first value it reads for an option).
/// - `DMUX_SSH_PERSIST=SECONDS` (default 60): how long a master outlives its last engine connection,
///   so that the next `dmux -c` or Tab completion reuses it instead of logging in again.
public struct SSHSettings: Sendable, Hashable {
    public var configFile: String?
    public var extraOptions: [String]
    public var persist: String
    /// A private 0700 directory for the control sockets.
    public var controlDirectory: String

    public static let defaultPersistSeconds = 60

    public init(environment: [String: String]) {
        func value(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        configFile = value("DMUX_SSH_CONFIG")
        extraOptions = value("DMUX_SSH_OPTS").map { $0.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).map(String.init) } ?? []
        persist = value("DMUX_SSH_PERSIST") ?? String(Self.defaultPersistSeconds)
        controlDirectory = Self.controlDirectory(environment: environment)
    }

    /// The settings of this process, read once from its environment.
    public static let process = SSHSettings(environment: ProcessInfo.processInfo.environment)

    /// `$XDG_RUNTIME_DIR/dmux-ssh` (a per-user tmpfs that vanishes at logout), else
    /// `/tmp/dmux-ssh-UID`. Kept short: a control socket's path must fit in 107 bytes with our
    /// 16-character name and the 17-character suffix of ssh's temporary name for it.
    static func controlDirectory(environment: [String: String]) -> String {
        if let runtime = environment["XDG_RUNTIME_DIR"], runtime.hasPrefix("/"), runtime.utf8.count <= 60 {
            return runtime + "/dmux-ssh"
        }
        return "/tmp/dmux-ssh-\(getuid())"
    }

    /// The ssh words every child gets before its own. First what nothing may undo (ssh keeps
    /// the first value it reads for an option): `control` (the control master's options) and
    /// `BatchMode=yes` — never a prompt, even at the REPL: ssh runs behind dmux, in a process
    /// group of its own, where a question on the terminal would stop it instead of reaching the
    /// user (passphrases come from ssh-agent; new host keys go into known_hosts first). Then the
    /// user's config and options, which win over the rest: the connect timeout (unless the user
    /// set one, as docker/cli's `addSSHTimeout` does), no terminal, and the login of the URL.
    func arguments(for destination: SSHDestination, connectTimeout seconds: Int, control: [String] = []) -> [String] {
        var words = ["ssh"] + control + ["-o", "BatchMode=yes"]
        if let configFile { words += ["-F", configFile] }
        words += extraOptions
        if !extraOptions.joined().contains("ConnectTimeout") { words += ["-o", "ConnectTimeout=\(max(1, seconds))"] }
        words.append("-T")
        if let user = destination.user { words += ["-l", user] }
        if let port = destination.port { words += ["-p", String(port)] }
        return words
    }

    /// A short hash of what changes how ssh logs in, in each control socket's name: a master made
    /// under one config is never reused by a dmux told to use another (another known_hosts, key or user).
    var fingerprint: String {
        Self.hash([configFile ?? ""] + extraOptions )
    }

    /// FNV-1a of the words, in 16 hex digits: a name, not a secret.
    static func hash(_ words: [String]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in words.joined(separator: "\u{0}").utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
