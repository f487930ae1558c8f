#if canImport(Glibc)
import Glibc
#endif

/// Which keys ssh offers for a login, from `ssh -G` (the configuration it would use, printed
/// without connecting): what a user needs to see next to `Permission denied (publickey)`.
enum SSHIdentities {
    /// `identityfile` lines whose file exists (`~` is the passwd home, as ssh reads it), and the
    /// agent's keys unless `identitiesonly yes` or `identityagent none` rule them out.
    static func offered(configDump: String, home: String, agentSocket: String?, exists: (String) -> Bool) -> String? {
        var files: [String] = []
        var identitiesOnly = false
        var agent = agentSocket.map { !$0.isEmpty } ?? false
        for line in configDump.split(whereSeparator: \.isNewline) {
            let words = line.split(separator: " ", maxSplits: 1).map(String.init)
            guard words.count == 2 else { continue }
            switch words[0] {
            case "identityfile":
                let path = words[1].hasPrefix("~/") ? home + words[1].dropFirst() : words[1]
                if exists(path), !files.contains(path) { files.append(path) }
            case "identitiesonly": identitiesOnly = words[1] == "yes"
            case "identityagent": if words[1] == "none" { agent = false }
            default: break
            }
        }
        let keys = files + (agent && !identitiesOnly ? ["the keys of ssh-agent"] : [])
        return keys.isEmpty ? nil : keys.joined(separator: ", ")
    }

    /// The login's own answer: runs `ssh -G` with `argv` (ending in `-G -- HOST`).
    static func offered(by argv: [String]) async -> String? {
        guard let process = try? SSHProcess(argv, stdin: nil, stdout: nil, stdoutToStderr: true),
              let exit = await process.exit(within: 5), exit.status == 0 else { return nil }
        let home = getpwuid(getuid()).flatMap { $0.pointee.pw_dir.map { String(cString: $0) } } ?? ""
        let agent = getenv("SSH_AUTH_SOCK").map { String(cString: $0) }
        return offered(configDump: exit.stderr, home: home, agentSocket: agent) { access($0, R_OK) == 0 }
    }
}
