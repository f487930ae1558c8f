import Foundation

/// The remote command as one string: ssh hands it to the remote user's shell, so every word is
/// quoted for a POSIX shell where needed (docker/cli cli/connhelper/ssh/ssh.go `quoteCommand`).
enum SSHRemoteCommand {
    static func line(_ words: [String]) -> String {
        words.map(quote).joined(separator: " ")
    }

    static func quote(_ word: String) -> String {
        let plain = !word.isEmpty && word.unicodeScalars.allSatisfy { scalar in
            ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
                || "@%+=:,./_-".unicodeScalars.contains(scalar)
        }
        if plain { return word }
        return "'" + word.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
    }
}
