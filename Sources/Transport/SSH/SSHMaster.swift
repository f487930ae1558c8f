#if canImport(Glibc)
import Glibc
#endif
import Endpoints
import NIOConcurrencyHelpers

/// The one SSH connection dmux holds to a host: an OpenSSH control master, started on first use
/// and started again when it has died, whose control socket every engine connection to the host
/// goes through (`ssh -S`), so that N commands cost one SSH handshake and authentication.
///
/// `ControlMaster=auto` with `ControlPersist` makes ssh log in, fork the master into the
/// background and exit 0 (or exit 255 with its reason), and join a live master instead of
/// failing when another dmux started one a moment before. The master outlives its last client by
/// the persist time, then exits and removes its socket: nothing is left behind, even after a crash.
actor SSHMaster {
    private static let masters = NIOLockedValueBox<[Key: SSHMaster]>([:])

    private struct Key: Hashable {
        let user: String?
        let host: String
        let port: Int?
        let settings: SSHSettings
    }

    /// The master of `destination`'s login (its socket path does not matter: one login, one master).
    static func shared(for destination: SSHDestination, settings: SSHSettings) -> SSHMaster {
        let key = Key(user: destination.user, host: destination.host, port: destination.port, settings: settings)
        return masters.withLockedValue { masters in
            if let master = masters[key] { return master }
            let master = SSHMaster(destination: destination, settings: settings)
            masters[key] = master
            return master
        }
    }

    let destination: SSHDestination
    let settings: SSHSettings
    /// `DIR/HASH`, a hash of the login as the URL gives it and of the settings: known without
    /// asking ssh (its `%C` would need `ssh -G`), and short enough for a unix socket's path.
    nonisolated let controlPath: String
    private var starting: Task<Void, Error>?

    private init(destination: SSHDestination, settings: SSHSettings) {
        self.destination = destination
        self.settings = settings
        controlPath = settings.controlDirectory + "/" + SSHSettings.hash(
            [settings.fingerprint, destination.user ?? "", destination.host, destination.port.map(String.init) ?? ""])
    }

    /// The words that make an ssh child a client of this master.
    nonisolated var clientOptions: [String] {
        ["-o", "ControlMaster=no", "-o", "ControlPath=" + controlPath]
    }

    /// Returns once a master is listening, starting one if none is; throws ssh's reason in words.
    func ensureRunning(connectTimeout seconds: Int) async throws {
        if SSHControlDirectory.isListening(controlPath) { return }
        if let starting { return try await starting.value }
        let task = Task { try await start(connectTimeout: seconds) }
        starting = task
        defer { starting = nil }
        try await task.value
    }

    private func start(connectTimeout seconds: Int) async throws {
        try SSHControlDirectory.prepare(settings.controlDirectory)
        let control = ["-o", "ControlMaster=auto", "-o", "ControlPath=" + controlPath, "-o", "ControlPersist=" + settings.persist]
        let argv = settings.arguments(for: destination, connectTimeout: seconds, control: control) + ["-N", "--", destination.host]
        let process = try spawn(argv)
        // ssh's ConnectTimeout covers the TCP connect and the banner; an authentication that
        // stalls after that must not hold the host for ever either.
        guard let exit = await process.exit(within: Double(seconds) + 5) else {
            process.terminate(SIGKILL)
            throw TransportError(.sshFailed(reason: "ssh did not finish logging in within \(seconds + 5) s"))
        }
        guard exit.status == 0 else {
            var reason = SSHFailure.describe(stderr: exit.stderr, status: exit.status)
            if exit.stderr.contains("Permission denied ("),
               let keys = await SSHIdentities.offered(by: settings.arguments(for: destination, connectTimeout: seconds) + ["-G", "--", destination.host]) {
                reason += " (ssh offered: \(keys))"
            }
            throw TransportError(.sshFailed(reason: reason))
        }
    }

    private func spawn(_ argv: [String]) throws -> SSHProcess {
        do {
            return try SSHProcess(argv, stdin: nil, stdout: nil)
        } catch {
            throw TransportError(.sshFailed(reason: error.reason))
        }
    }
}
