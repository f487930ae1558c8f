import DockerAPI
import FanOut
import NIOConcurrencyHelpers
import Registry

/// `login [SERVER] [-u USER] [-p PASS | --password-stdin]`: every target engine checks the
/// credentials with the registry (`POST /auth`) and says so; they are then stored once, where
/// and how `docker login` stores them (docker/cli: cli/command/registry/login.go). What is not
/// given and not stored is asked on the terminal, the password without echo.
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
        let stored = user.isEmpty && password.isEmpty ? try store.credentials(for: key) : credentials
        if user.isEmpty && password.isEmpty && !stored.username.isEmpty && (!stored.password.isEmpty || !stored.identityToken.isEmpty) {
            invocation.console.err("Authenticating with existing credentials... [Username: \(stored.username)]\n")
            credentials = stored
        } else if user.isEmpty || password.isEmpty {
            credentials = try await ask(for: credentials, defaultUsername: stored.username, console: invocation.console)
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

    /// What is missing, asked on the terminal as docker asks it (docker/cli
    /// cli/command/registry.go `PromptUserForCredentials`); without a terminal, docker's refusal.
    static func ask(for given: RegistryCredentials, defaultUsername: String, console: Console) async throws -> RegistryCredentials {
        guard TerminalPrompt.canAsk else { throw ShellUsageError("error: cannot perform an interactive login from a non-TTY device") }
        let prompt = TerminalPrompt(console: console)
        var credentials = given
        if credentials.username.isEmpty {
            let question = defaultUsername.isEmpty ? "Username: " : "Username (\(defaultUsername)): "
            guard let answer = await prompt.ask(question) else { throw CancellationError() }
            credentials.username = answer.isEmpty ? defaultUsername : answer
            guard !credentials.username.isEmpty else { throw ShellUsageError("error: username is required") }
        }
        if credentials.password.isEmpty {
            guard let answer = await prompt.ask("Password: ", echo: false) else { throw CancellationError() }
            credentials.password = answer
            guard !answer.isEmpty else { throw ShellUsageError("error: password is required") }
        }
        return credentials
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
