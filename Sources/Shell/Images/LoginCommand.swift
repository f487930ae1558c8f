import DockerAPI
import FanOut
import NIOConcurrencyHelpers
import Registry

/// `login [SERVER] [-u USER] [-p PASS | --password-stdin]`: every target engine checks the
/// credentials with the registry (`POST /auth`) and says so; they are then stored once, where
/// and how `docker login` stores them (docker/cli: cli/command/registry/login.go).
enum LoginCommand {
    static let spec = CommandSpec(
        name: "login", summary: "Log in to a registry through every target engine, and store the credentials as docker does",
        scope: .engines,
        flags: [
            FlagSpec("username", short: "u", value: "string", help: "Username"),
            FlagSpec("password", short: "p", value: "string", help: "Password"),
            FlagSpec("password-stdin", help: "Take the password from stdin"),
        ],
        arguments: [ArgumentSpec("SERVER", optional: true)],
        shape: .lines
    ) { invocation in
        let words = invocation.arguments.positional
        let user = invocation.arguments.value("username") ?? ""
        var password = invocation.arguments.value("password") ?? ""
        let fromStdin = invocation.arguments.isOn("password-stdin")
        if !password.isEmpty {
            invocation.console.err("WARNING! Using --password via the CLI is insecure. Use --password-stdin.\n")
            if fromStdin { throw ShellUsageError("--password and --password-stdin are mutually exclusive") }
        }
        if fromStdin {
            guard !user.isEmpty else { throw ShellUsageError("Must provide --username with --password-stdin") }
            password = await readPassword()
        }
        let access = RegistryAccess(invocation)
        var store = try access.store()
        let key = RegistryAddress.loginKey(words.first)
        var credentials = RegistryCredentials(username: user, password: password, serverAddress: key)
        if user.isEmpty || password.isEmpty {
            // docker tries the stored credentials first; dmux never prompts.
            let stored = try store.credentials(for: key)
            guard !stored.username.isEmpty, !stored.password.isEmpty || !stored.identityToken.isEmpty else {
                throw ShellUsageError("login: give -u USER and --password-stdin (dmux does not prompt for a password)")
            }
            credentials = stored
        }
        let accepted = await verify(credentials, invocation: invocation)
        guard let answer = accepted.first else { return }
        if !answer.identityToken.isEmpty {
            credentials.password = ""
            credentials.identityToken = answer.identityToken
        }
        if try store.store(credentials) {
            invocation.console.err("""
                WARNING! Your password will be stored unencrypted in \(store.file.path).
                Configure a credential helper to remove this warning. See
                https://docs.docker.com/engine/reference/commandline/login/#credentials-store


                """)
        }
    }

    struct Answer: Sendable {
        var status: String
        var identityToken: String
    }

    /// `POST /auth` on every target; the answers of the hosts that accepted.
    static func verify(_ credentials: RegistryCredentials, invocation: Invocation) async -> [Answer] {
        let request = EngineRequests.registryLogin(json: credentials.json)
        let presenter = invocation.presenter
        let accepted = NIOLockedValueBox<[Answer]>([])
        await invocation.eachHost { host in
            let reply = try await host.send(request)
            let value = try? JSONParser.parse(reply.readableBytesView)
            return Answer(status: value?["Status"]?.stringValue ?? "Login Succeeded", identityToken: value?["IdentityToken"]?.stringValue ?? "")
        } onSuccess: { host, answer in
            presenter.line(host: host.name, text: answer.status, json: .object([("status", .string(answer.status))]))
            accepted.withLockedValue { $0.append(answer) }
        }
        return accepted.withLockedValue { $0 }
    }

    /// All of stdin, without its last line break (docker/cli `verifyLoginOptions`).
    static func readPassword() async -> String {
        var bytes: [UInt8] = []
        let reader = StdinReader()
        for await chunk in reader.chunks() { bytes += chunk }
        if bytes.last == UInt8(ascii: "\n") { bytes.removeLast() }
        if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
        return String(decoding: bytes, as: UTF8.self)
    }
}
