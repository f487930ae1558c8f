/// Exactly what `docker-machine env` prints (docker/machine commands/env.go): one template of variable lines
/// (prefix, name, separator, quoted value, terminator) per shell, then the two-line usage hint, whose first
/// line keeps docker-machine's space before the newline. Users `eval` this; scripts compare it.
struct MachineEnvFormat: Sendable, Hashable {
    enum Mode: Sendable, Hashable { case set, unset }

    let shell: String
    let mode: Mode
    let prefix: String
    /// Between the name and the value, without the opening quote.
    let separator: String
    /// docker-machine's quote around a value (`"`, or nothing for cmd and unset lines).
    let quote: String
    let terminator: String

    /// Any shell name docker-machine does not know gets the bash/sh template.
    init(shell: String, mode: Mode) {
        self.shell = shell
        self.mode = mode
        switch (mode, shell) {
        case (.set, "fish"): (prefix, separator, quote, terminator) = ("set -gx ", " ", "\"", ";\n")
        case (.set, "powershell"): (prefix, separator, quote, terminator) = ("$Env:", " = ", "\"", "\n")
        case (.set, "cmd"): (prefix, separator, quote, terminator) = ("SET ", "=", "", "\n")
        case (.set, "tcsh"): (prefix, separator, quote, terminator) = ("setenv ", " ", "\"", ";\n")
        case (.set, "emacs"): (prefix, separator, quote, terminator) = ("(setenv \"", "\" ", "\"", ")\n")
        case (.set, _): (prefix, separator, quote, terminator) = ("export ", "=", "\"", "\n")
        case (.unset, "fish"): (prefix, separator, quote, terminator) = ("set -e ", "", "", ";\n")
        case (.unset, "powershell"): (prefix, separator, quote, terminator) = ("Remove-Item Env:\\\\", "", "", "\n")
        case (.unset, "cmd"): (prefix, separator, quote, terminator) = ("SET ", "=", "", "\n")
        case (.unset, "tcsh"): (prefix, separator, quote, terminator) = ("unsetenv ", "", "", ";\n")
        case (.unset, "emacs"): (prefix, separator, quote, terminator) = ("(setenv \"", "\" nil", "", ")\n")
        case (.unset, _): (prefix, separator, quote, terminator) = ("unset ", "", "", "\n")
        }
    }

    /// The variables docker-machine unsets, in its order.
    static let machineVariables = ["DOCKER_TLS_VERIFY", "DOCKER_HOST", "DOCKER_CERT_PATH", "DOCKER_MACHINE_NAME"]

    /// The whole output. In unset mode the values are printed too, as docker-machine's template
    /// does: they are empty, except the `--no-proxy` one (its documented `unset NO_PROXYvalue` bug,
    /// reproduced only for a value made of plain address characters, since it is not quoted).
    /// Set-mode values are quoted for the shell (`EnvValueQuoting`); one that cannot be is refused.
    func render(_ variables: [(name: String, value: String)], argv: [String]) throws(EnvValueQuoting.Refusal) -> String {
        try lines(variables) + Self.usageHint(shell: shell, argv: argv)
    }

    /// The variable lines alone.
    func lines(_ variables: [(name: String, value: String)]) throws(EnvValueQuoting.Refusal) -> String {
        var out = ""
        for (name, value) in variables {
            do throws(EnvValueQuoting.Refusal) {
                out += prefix + name + separator + (try written(value)) + terminator
            } catch {
                throw EnvValueQuoting.Refusal(reason: error.reason, variable: name)
            }
        }
        return out
    }

    private func written(_ value: String) throws(EnvValueQuoting.Refusal) -> String {
        guard mode == .set else {
            return value.unicodeScalars.allSatisfy(Self.isAddressCharacter) ? value : ""
        }
        return try EnvValueQuoting.quoted(value, shell: shell, open: quote)
    }

    /// What a NO_PROXY list is made of: host names, addresses, ports, CIDR masks, commas and `*`.
    private static func isAddressCharacter(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
            || ".,:-_/*[]".unicodeScalars.contains(scalar)
    }

    /// `<c> Run this command to configure your shell: \n<c> <command>\n`, echoing `argv`.
    static func usageHint(shell: String, argv: [String]) -> String {
        var words = argv
        if let first = words.first, first.contains(" ") || first.contains("\\") { words[0] = "\"\(first)\"" }
        let line = words.joined(separator: " ")
        let comment: String
        let command: String
        switch shell {
        case "fish": (comment, command) = ("#", "eval (\(line))")
        case "powershell": (comment, command) = ("#", "& \(line) | Invoke-Expression")
        case "cmd": (comment, command) = ("REM", "\t@FOR /f \"tokens=*\" %i IN ('\(line)') DO @%i")
        case "emacs": (comment, command) = (";;", "(with-temp-buffer (shell-command \"\(line)\" (current-buffer)) (eval-buffer))")
        case "tcsh": (comment, command) = (":", "eval `\(line)`")
        default: (comment, command) = ("#", "eval $(\(line))")
        }
        return "\(comment) Run this command to configure your shell: \n\(comment) \(command)\n"
    }

    /// `--no-proxy`: `no_proxy` when it is set and non-empty, else `NO_PROXY`. Set mode adds `ip`
    /// unless the value already contains it as a substring (docker-machine's test); unset mode
    /// keeps the current value (docker-machine's bug, reproduced).
    static func noProxy(environment: [String: String], ip: String, mode: Mode) -> (name: String, value: String) {
        var name = "no_proxy"
        var value = environment["no_proxy"] ?? ""
        if value.isEmpty {
            name = "NO_PROXY"
            value = environment["NO_PROXY"] ?? ""
        }
        guard mode == .set else { return (name, value) }
        if value.isEmpty { return (name, ip) }
        if value.contains(ip) { return (name, value) }
        return (name, value + "," + ip)
    }

    /// docker-machine's detection off Windows: the basename of `$SHELL`; nil when it is empty.
    static func detectShell(environment: [String: String]) -> String? {
        guard let path = environment["SHELL"], !path.isEmpty else { return nil }
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        return trimmed.split(separator: "/").last.map(String.init) ?? "/"
    }

    /// Printed to stdout before `Error: Unknown shell` when `$SHELL` is empty.
    static let unknownShellNotice =
        "The default lines below are for a sh/bash shell, you can specify the shell you're using, with the --shell flag.\n\n"
}
