/// A word quoted for a shell so that the shell reads it back unchanged: as it is when every
/// scalar is plain, else in single quotes with each `'` written `'\''`. Two shells read dmux's
/// words, and each has its own plain set; the quoting rule is the same.
///
/// Quotes are placed scalar by scalar: a quote followed by a combining mark is one `Character`
/// to Swift but still a quote to both shells.
public enum ShellWord {
    /// For a POSIX shell, such as the remote login shell that runs ssh's command: only ASCII
    /// letters, digits and `@%+=:,./_-` stand bare (docker/cli cli/connhelper/ssh/ssh.go quotes
    /// the remote command for the same reader).
    public static func quotedForPOSIXShell(_ word: String) -> String {
        quoted(word) { scalar in
            ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
                || "@%+=:,./_-".unicodeScalars.contains(scalar)
        }
    }

    /// For dmux's own command language (Sources/Shell/Language/Tokenizer.swift), where letters and
    /// digits of any script and `@%+=:,./_-!*^` are plain (its `!` and `*` mean something only
    /// where the tokenizer's caller looks for them, never inside a word).
    public static func quotedForDmux(_ word: String) -> String {
        quoted(word) { scalar in
            scalar.properties.isAlphabetic || scalar.properties.numericType != nil || "@%+=:,./_-!*^".unicodeScalars.contains(scalar)
        }
    }

    private static func quoted(_ word: String, plain: (Unicode.Scalar) -> Bool) -> String {
        if !word.isEmpty && word.unicodeScalars.allSatisfy(plain) { return word }
        var quoted = String.UnicodeScalarView()
        quoted.append("'")
        for scalar in word.unicodeScalars {
            if scalar == "'" { quoted.append(contentsOf: "'\\''".unicodeScalars) } else { quoted.append(scalar) }
        }
        quoted.append("'")
        return String(quoted)
    }
}
