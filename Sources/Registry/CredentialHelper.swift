internal import CPosix
import Core
import Foundation

/// A `docker-credential-NAME` program on PATH, spoken to as the docker CLI speaks to it
/// (docker/docker-credential-helpers client/client.go): one action per run (`get`, `store`,
/// `erase`), its input on stdin, its answer on stdout. The secret travels only through the pipe,
/// never through argv or the environment.
public struct CredentialHelper: Sendable {
    public let name: String
    let environment: [String: String]

    public init(name: String, environment: [String: String]) {
        self.name = name
        self.environment = environment
    }

    var program: String { "docker-credential-" + name }

    /// The helper's credentials for `server`; empty credentials when it has none (docker/cli
    /// native_store.go: "credentials not found" is not an error).
    public func get(_ server: String) throws(CredentialHelperError) -> RegistryCredentials {
        let (status, out) = try run("get", input: server)
        let text = String(decoding: out, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard status == 0 else {
            if text.contains("credentials not found") { return RegistryCredentials(serverAddress: server) }
            throw CredentialHelperError(helper: program, action: "get", message: text)
        }
        guard let value = try? JSONParser.parse(out) else {
            throw CredentialHelperError(helper: program, action: "get", message: "unreadable answer")
        }
        let username = value["Username"]?.stringValue ?? ""
        let secret = value["Secret"]?.stringValue ?? ""
        // A user name of "<token>" marks an identity token (docker/cli native_store.go).
        if username == "<token>" { return RegistryCredentials(identityToken: secret, serverAddress: server) }
        return RegistryCredentials(username: username, password: secret, serverAddress: server)
    }

    public func store(_ credentials: RegistryCredentials) throws(CredentialHelperError) {
        let token = !credentials.identityToken.isEmpty
        let payload = JSONValue.object([
            ("ServerURL", .string(credentials.serverAddress)),
            ("Username", .string(token ? "<token>" : credentials.username)),
            ("Secret", .string(token ? credentials.identityToken : credentials.password)),
        ]).compact(escapingHTML: true)
        let (status, out) = try run("store", input: payload)
        guard status == 0 else {
            throw CredentialHelperError(helper: program, action: "store", message: String(decoding: out, as: UTF8.self))
        }
    }

    public func erase(_ server: String) throws(CredentialHelperError) {
        let (status, out) = try run("erase", input: server)
        guard status == 0 else {
            throw CredentialHelperError(helper: program, action: "erase", message: String(decoding: out, as: UTF8.self))
        }
    }

    /// Runs the helper with `input` on stdin; its stdout (and stderr, merged: helpers report
    /// errors on either) and exit status.
    private func run(_ action: String, input: String) throws(CredentialHelperError) -> (Int32, [UInt8]) {
        var stdinPipe: [Int32] = [0, 0]
        var stdoutPipe: [Int32] = [0, 0]
        guard pipe(&stdinPipe) == 0 else { throw CredentialHelperError(helper: program, action: action, message: "cannot create a pipe") }
        guard pipe(&stdoutPipe) == 0 else {
            close(stdinPipe[0]); close(stdinPipe[1])
            throw CredentialHelperError(helper: program, action: action, message: "cannot create a pipe")
        }
        let argv = [strdup(program), strdup(action), nil]
        let envp = environment.map { strdup("\($0)=\($1)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        // The one spawn helper: clean signals, a group of its own, nothing of ours but the pipes.
        let spawned = dmux_spawn(&pid, program, argv, envp, stdinPipe[0], stdoutPipe[1], stdoutPipe[1], 1)
        close(stdinPipe[0])
        close(stdoutPipe[1])
        guard spawned == 0 else {
            close(stdinPipe[1]); close(stdoutPipe[0])
            let reason = spawned == ENOENT ? "executable file not found in $PATH" : String(cString: strerror(spawned))
            throw CredentialHelperError(helper: program, action: action, message: reason)
        }
        // The input is a few hundred bytes at most: it fits the pipe, so writing before reading cannot block.
        var bytes = Array(input.utf8)
        _ = bytes.withUnsafeMutableBytes { write(stdinPipe[1], $0.baseAddress, $0.count) }
        close(stdinPipe[1])
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = read(stdoutPipe[0], &chunk, chunk.count)
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { break }
            output += chunk[0..<count]
        }
        close(stdoutPipe[0])
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let exitCode = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return (exitCode, output)
    }
}

/// A helper failed; says which and what it said (a helper's own words never hold the secret).
public struct CredentialHelperError: Error, Sendable, CustomStringConvertible {
    public let helper: String
    public let action: String
    public let message: String
    public var description: String {
        "error \(action == "get" ? "getting" : action == "store" ? "storing" : "erasing") credentials - \(helper): \(message.trimmingCharacters(in: .whitespacesAndNewlines))"
    }
}
