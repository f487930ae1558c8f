import Core

/// The remote command as one string: ssh hands it to the remote user's shell, so every word is
/// quoted for a POSIX shell where needed (docker/cli cli/connhelper/ssh/ssh.go `quoteCommand`).
enum SSHRemoteCommand {
    static func line(_ words: [String]) -> String {
        words.map(ShellWord.quotedForPOSIXShell).joined(separator: " ")
    }
}
