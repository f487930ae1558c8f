import Endpoints

/// How one `--shell` of `env` reads a value back literally.
///
/// docker-machine wraps every value in `"…"` unescaped (docker/machine libmachine/shell/shell.go and
/// commands/env.go's templates), so a context Host `tcp://h:2375/$(id)` runs `id` under
/// `eval "$(dmux env NAME)"`. A plain value keeps docker-machine's exact bytes; any other value is
/// written in the shell's literal quoting, or refused when that shell has none that survives the
/// way its usage hint evaluates the lines.
enum EnvValueQuoting {
    /// Why a value cannot be handed to a shell; the caller names the variable and its source.
    struct Refusal: Error, Sendable {
        let reason: String
        var variable = ""
    }

    /// The value as the shell must read it, quotes included, given docker-machine's delimiter
    /// `open` (`"` or nothing) and its closing counterpart.
    static func quoted(_ value: String, shell: String, open: String) throws(Refusal) -> String {
        if value.unicodeScalars.contains("\0") { throw Refusal(reason: "it holds a NUL byte, which no environment variable can") }
        switch shell {
        case "fish": return isPlain(value, unsafe: "\"$\\") ? wrap(value, open) : fish(value)
        case "powershell": return try powershell(value, open: open)
        case "cmd": return try cmd(value, open: open)
        case "tcsh": return try tcsh(value, open: open)
        case "emacs": return "\"" + escaping(value, ["\\", "\""]) + "\""
        default: return isPlain(value, unsafe: "\"$`\\") ? wrap(value, open) : posix(value)
        }
    }

    /// sh, bash, zsh (and any shell docker-machine does not know): single quotes take everything
    /// literally, newlines included; a `'` is closed, escaped and reopened.
    static func posix(_ value: String) -> String {
        "'" + value.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
    }

    /// fish's single quotes know only `\\` and `\'`; control characters go between quoted runs as
    /// fish's unquoted escapes (`'a'\n'b'`), because `eval (…)` joins the output's lines with spaces.
    static func fish(_ value: String) -> String {
        var out = "'"
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\\": out += #"\\"#
            case "'": out += #"\'"#
            case "\n": out += #"'\n'"#
            case "\t": out += #"'\t'"#
            case "\r": out += #"'\r'"#
            case _ where scalar.isControlCharacter: out += "'\\u" + hex4(scalar.value) + "'"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "'"
    }

    /// PowerShell's single quotes are literal; every single-quote form PowerShell recognises is
    /// doubled. `| Invoke-Expression` runs each line on its own, so a line break cannot be quoted.
    static func powershell(_ value: String, open: String) throws(Refusal) -> String {
        if value.unicodeScalars.contains(where: \.isControlCharacter) {
            throw Refusal(reason: "it holds a control character, and PowerShell's Invoke-Expression runs each line alone")
        }
        let doubleQuotes: Set<Unicode.Scalar> = ["\"", "\u{201C}", "\u{201D}", "\u{201E}"]
        let singleQuotes: Set<Unicode.Scalar> = ["'", "\u{2018}", "\u{2019}", "\u{201A}", "\u{201B}"]
        if !value.unicodeScalars.contains(where: { doubleQuotes.contains($0) || $0 == "$" || $0 == "`" }) {
            return wrap(value, open)
        }
        var out = "'"
        for scalar in value.unicodeScalars {
            if singleQuotes.contains(scalar) { out.unicodeScalars.append(scalar) }
            out.unicodeScalars.append(scalar)
        }
        return out + "'"
    }

    /// cmd.exe has no quoting that keeps `%`, `!`, `^` and `&` literal inside `FOR /f … DO @%i`.
    static func cmd(_ value: String, open: String) throws(Refusal) -> String {
        guard isPlain(value, unsafe: "\"&|<>^%!()") else {
            throw Refusal(reason: "cmd.exe cannot take one of \" & | < > ^ % ! ( ) or a control character literally")
        }
        return wrap(value, open)
    }

    /// tcsh: single quotes keep `$` and backquotes literal, but not `!` (history) or a line
    /// break; and ``eval `…` `` brace-expands and globs the output's words before it reads their
    /// quotes, so `{}*?[]~` are refused in any form (docker-machine's `"…"` loses them too).
    static func tcsh(_ value: String, open: String) throws(Refusal) -> String {
        guard isPlain(value, unsafe: "!'\\{}*?[]~") else {
            throw Refusal(reason: "tcsh's eval `…` cannot take ! ' \\ { } * ? [ ] ~ or a control character literally")
        }
        return isPlain(value, unsafe: "\"$`") ? wrap(value, open) : "'" + value + "'"
    }

    /// True when the value holds none of `unsafe` and no control character: docker-machine's bytes are safe.
    static func isPlain(_ value: String, unsafe: String) -> Bool {
        let bad = Set(unsafe.unicodeScalars)
        return !value.unicodeScalars.contains { bad.contains($0) || $0.isControlCharacter }
    }

    private static func wrap(_ value: String, _ open: String) -> String { open + value + open }

    private static func escaping(_ value: String, _ characters: [Character]) -> String {
        var out = ""
        for character in value {
            if characters.contains(character) { out.append("\\") }
            out.append(character)
        }
        return out
    }

    private static func hex4(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
