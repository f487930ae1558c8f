import Endpoints
import Foundation
import Testing
import TestSupport

/// `eval "$(dmux env NAME)"` with hostile values from a context store (its Host and the folder it
/// lives in): each shell's real binary evaluates the output, nothing it holds runs, and the
/// variables hold the exact values. docker-machine's unescaped `"…"` ran `$(…)` here.
@Suite struct EnvInjectionTests {
    /// Files a successful injection would create.
    let marks: String
    /// A `DOCKER_CONFIG` whose own path is hostile, so `DOCKER_CERT_PATH` is too.
    let config: String

    init() throws {
        let home = try Dmux.temporaryHome()
        marks = home + "/marks"
        try FileManager.default.createDirectory(atPath: marks, withIntermediateDirectories: true)
        config = home + "/cfg $(id>\(marks)/dollar) `id>\(marks)/tick` $HOME"
    }

    /// `$(…)`, backquotes and `$VAR`: nothing that tcsh's single quotes cannot hold.
    var substitutions: String { "tcp://127.0.0.1:2375/$(id>\(marks)/host1)/`id>\(marks)/host2`/$PATH/%PATH%/\"q\"" }
    /// Quotes, backslashes, braces, globs and a history `!` on top: sh, bash, zsh and fish still take it literally.
    var quotes: String { substitutions + #"/a'b"c\d!e\$(id>"# + marks + "/host3)/${HOME}/*/~" }

    func addContext(_ name: String, host: String, tls: Bool) throws {
        let id = ContextStore.contextID(name)
        let meta = config + "/contexts/meta/\(id)"
        try FileManager.default.createDirectory(atPath: meta, withIntermediateDirectories: true)
        let escapedHost = host.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        try #"{"Name":"\#(name)","Metadata":{},"Endpoints":{"docker":{"Host":"\#(escapedHost)","SkipTLSVerify":false}}}"#
            .write(toFile: meta + "/meta.json", atomically: false, encoding: .utf8)
        guard tls else { return }
        let folder = certPath(name)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for file in ["ca.pem", "cert.pem", "key.pem"] {
            FileManager.default.createFile(atPath: folder + "/" + file, contents: Data("x".utf8), attributes: [.posixPermissions: 0o600])
        }
    }

    func certPath(_ name: String) -> String { config + "/contexts/tls/\(ContextStore.contextID(name))/docker" }

    func env(_ shell: String, _ name: String, extra: [String] = []) throws -> ProcessResult {
        try Dmux.run(["env", "--shell", shell] + extra + [name], environment: ["DOCKER_CONFIG": config])
    }

    /// Runs `script` in `shell` with the env output in `$F`-like file, and returns what it printed.
    func evaluate(_ output: String, in shell: String) throws -> ProcessResult {
        let file = marks + "/../env-\(shell).out"
        try output.write(toFile: file, atomically: false, encoding: .utf8)
        let show = "printenv DOCKER_HOST; printenv DOCKER_CERT_PATH; printenv NO_PROXY"
        let script: String
        switch shell {
        case "fish": script = "eval (cat '\(file)'); \(show)"
        case "tcsh": script = "eval `cat '\(file)'`; \(show)"
        default: script = "eval \"$(cat '\(file)')\"; \(show)"
        }
        let binary = shell == "sh" ? "/bin/sh" : "/usr/bin/\(shell)"
        // HOME is not `marks`: fish writes its own files there.
        return try ChildProcess.run([binary, "-c", script], environment: ["PATH": "/usr/bin:/bin", "HOME": marks + "/.."])
    }

    func nothingRan() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: marks) }

    @Test(arguments: ["bash", "sh", "zsh", "fish", "tcsh"])
    func substitutionsStayLiteral(shell: String) throws {
        try addContext("subst", host: substitutions, tls: true)
        let noProxy = "localhost,$(id>\(marks)/proxy)"
        let result = try Dmux.run(["env", "--shell", shell, "--no-proxy", "subst"],
                                  environment: ["DOCKER_CONFIG": config, "NO_PROXY": noProxy])
        #expect(result.status == 0, "\(result)")
        let evaluated = try evaluate(result.stdout, in: shell)
        #expect(try nothingRan().isEmpty, "\(shell) ran code from: \(result.stdout)")
        #expect(evaluated.stdout == "\(substitutions)\n\(certPath("subst"))\n\(noProxy),127.0.0.1\n", "\(shell): \(evaluated)\n\(result.stdout)")
    }

    @Test(arguments: ["bash", "sh", "zsh", "fish"])
    func quotesAndBackslashesStayLiteral(shell: String) throws {
        try addContext("quotes", host: quotes, tls: false)
        let result = try env(shell, "quotes")
        #expect(result.status == 0, "\(result)")
        let evaluated = try evaluate(result.stdout, in: shell)
        #expect(try nothingRan().isEmpty, "\(shell) ran code from: \(result.stdout)")
        #expect(evaluated.stdout == "\(quotes)\n", "\(shell): \(evaluated)\n\(result.stdout)")
    }

    /// A generic-driver machine `name` at `ip` with placeholder TLS files; returns its folder.
    func addMachine(_ name: String, ip: String, store: String) throws -> String {
        let folder = store + "/machines/" + name
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try #"{"ConfigVersion":3,"Driver":{"IPAddress":"\#(ip)","MachineName":"\#(name)"},"DriverName":"generic","Name":"\#(name)"}"#
            .write(toFile: folder + "/config.json", atomically: false, encoding: .utf8)
        for file in ["ca.pem", "cert.pem", "key.pem"] {
            FileManager.default.createFile(atPath: folder + "/" + file, contents: Data("x".utf8), attributes: [.posixPermissions: 0o600])
        }
        return folder
    }

    /// Runs `env` for the machine in `store` and evaluates it: nothing runs, and the shell reads
    /// back `host` and `folder` exactly.
    func expectMachineLiteral(_ name: String, store: String, host: String, folder: String, in shell: String,
                              sourceLocation: SourceLocation = #_sourceLocation) throws {
        let result = try Dmux.run(["env", "--shell", shell, name], environment: ["MACHINE_STORAGE_PATH": store])
        #expect(result.status == 0, "\(result)", sourceLocation: sourceLocation)
        let evaluated = try evaluate(result.stdout, in: shell)
        #expect(try nothingRan().isEmpty, "\(shell) ran code from: \(result.stdout)", sourceLocation: sourceLocation)
        #expect(evaluated.stdout == "\(host)\n\(folder)\n", "\(shell): \(evaluated)\n\(result.stdout)", sourceLocation: sourceLocation)
    }

    /// The other vector of the issue: a machine's `Driver.IPAddress` in its config.json.
    @Test(arguments: ["bash", "zsh", "fish", "tcsh"])
    func aMachinesIPAddressStaysLiteral(shell: String) throws {
        let store = marks + "/../store"
        let ip = "$(id>\(marks)/ip1)`id>\(marks)/ip2`"
        let folder = try addMachine("evil", ip: ip, store: store)
        try expectMachineLiteral("evil", store: store, host: "tcp://\(ip):2376", folder: folder, in: shell)
    }

    /// A store path holding a newline, a tab and an escape: sh, bash and zsh keep them inside
    /// single quotes, fish gets its unquoted escapes between quoted runs.
    @Test(arguments: ["bash", "sh", "zsh", "fish"])
    func controlCharactersInAPathStayExact(shell: String) throws {
        let store = marks + "/../line\nbreak\ttab\u{1B}[31mred $(id>\(marks)/path)"
        let folder = try addMachine("m1", ip: "127.0.0.1", store: store)
        try expectMachineLiteral("m1", store: store, host: "tcp://127.0.0.1:2376", folder: folder, in: shell)
    }

    /// The unquoted `eval $(dmux env …)` of the usage hint re-reads the same quotes.
    @Test func theHintsUnquotedEvalInBash() throws {
        try addContext("quotes", host: quotes, tls: false)
        let result = try env("bash", "quotes")
        let file = marks + "/../hint.out"
        try result.stdout.write(toFile: file, atomically: false, encoding: .utf8)
        let evaluated = try ChildProcess.run(["/usr/bin/bash", "-c", "eval $(cat '\(file)'); printenv DOCKER_HOST"],
                                             environment: ["PATH": "/usr/bin:/bin"])
        #expect(try nothingRan().isEmpty)
        #expect(evaluated.stdout == "\(quotes)\n", "\(evaluated)")
    }

    /// tcsh has no quoting for `!`, `'` and `{` that survives `eval \`…\``, cmd none for `%`:
    /// refused, naming the file.
    @Test(arguments: ["tcsh", "cmd"])
    func aValueTheShellCannotQuoteIsRefused(shell: String) throws {
        try addContext("quotes", host: quotes, tls: false)
        let result = try env(shell, "quotes")
        #expect(result.status == 1, "\(result)")
        #expect(result.stdout.isEmpty, "\(result)")
        let meta = config + "/contexts/meta/\(ContextStore.contextID("quotes"))/meta.json"
        #expect(result.stderr.contains("Error: DOCKER_HOST of quotes (from \(meta)) cannot be written safely for \(shell)"), "\(result)")
    }

    @Test func powershellAndEmacsQuoteLiterally() throws {
        try addContext("quotes", host: quotes, tls: false)
        let powershell = try env("powershell", "quotes")
        let singleQuoted = "'" + quotes.replacingOccurrences(of: "'", with: "''") + "'"
        #expect(powershell.stdout.contains("$Env:DOCKER_HOST = \(singleQuoted)\n"), "\(powershell)")
        let emacs = try env("emacs", "quotes")
        let lisp = "\"" + quotes.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        #expect(emacs.stdout.contains("(setenv \"DOCKER_HOST\" \(lisp))\n"), "\(emacs)")
    }
}
