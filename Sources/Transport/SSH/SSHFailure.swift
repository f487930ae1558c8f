/// What went wrong with an ssh child, in one line, from what ssh (or the remote docker) wrote to
/// stderr and its exit status: the words a user needs to fix it, with ssh's own reason kept.
///
/// Pure, so every case is tested on text alone; the texts are OpenSSH's (ssh.c, sshconnect.c,
/// mux.c) and the docker CLI's (cli/command/system/dial_stdio.go).
enum SSHFailure {
    static func describe(stderr: String, status: Int32) -> String {
        let lines = stderr.split(whereSeparator: \.isNewline)
            .map { $0.trimmed(of: " \t") }
            .filter { !$0.isEmpty && !$0.allSatisfy { $0 == "@" } && !isNoise($0) }
        func line(containing text: String) -> String? { lines.first { $0.contains(text) } }

        if stderr.contains("REMOTE HOST IDENTIFICATION HAS CHANGED") {
            let offending = line(containing: "Offending").map { " (\($0.trimmingSuffix("."))" + ")" } ?? ""
            return "ssh refused the host: its host key has changed (REMOTE HOST IDENTIFICATION HAS CHANGED)\(offending); "
                + "if the change is expected, remove the old key from known_hosts"
        }
        if let unknown = line(containing: "host key is known for") {
            return "ssh refused the host: \(unknown.trimmingSuffix(".")) (Host key verification failed); "
                + "add its key to known_hosts first (one interactive ssh, or ssh-keyscan checked by hand)"
        }
        if line(containing: "Host key verification failed") != nil {
            return "ssh refused the host: Host key verification failed (its key is not in known_hosts, or it does not match); "
                + "add the right key to known_hosts first"
        }
        if let denied = line(containing: "Permission denied (") {
            return "ssh authentication failed: \(denied)"
        }
        for text in ["Connection refused", "Connection timed out", "Operation timed out", "No route to host",
                     "Could not resolve hostname", "Network is unreachable", "Connection reset", "Connection closed by"] {
            if let reached = line(containing: text) { return reached }
        }
        if let refused = line(containing: "open failed: administratively prohibited") ?? line(containing: "Session open refused by peer") {
            return "the ssh server refused another session on the held connection (\(refused)); raise MaxSessions in its sshd_config"
        }
        if let missing = lines.first(where: { $0.contains("docker") && ($0.contains("command not found") || $0.hasSuffix("not found")) }) {
            return "the remote host has no docker CLI (\(missing)); dial-stdio needs docker 18.09 or later there"
        }
        if let old = lines.first(where: { $0.contains("unknown command") || $0.contains("unknown flag") }) {
            return "the remote docker CLI is too old for `docker system dial-stdio` (\(old)); it needs docker 18.09 or later"
        }
        if let down = lines.first(where: { $0.contains("failed to open the raw stream connection") || $0.contains("Cannot connect to the Docker daemon") || $0.contains("error during connect") }) {
            return "the remote engine is not reachable from the ssh host: \(down)"
        }
        if let last = lines.last { return "ssh: \(last)" }
        return status == 0 ? "ssh closed the connection" : "ssh exited with status \(status)"
    }

    /// Lines that explain nothing (the changed-key banner's rows of `@` are dropped apart).
    private static func isNoise(_ line: String) -> Bool {
        line.hasPrefix("Warning: Permanently added") || line.hasPrefix("Pseudo-terminal")
    }
}

extension Substring {
    fileprivate func trimmed(of set: String) -> String {
        String(drop { set.contains($0) }.reversed().drop { set.contains($0) }.reversed())
    }
}

extension String {
    fileprivate func trimmingSuffix(_ suffix: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) : self
    }
}
