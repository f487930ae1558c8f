import Endpoints
import Foundation

/// Turns a plain Docker host into a TLS machine over SSH, as docker-machine's generic driver did
/// (docker/machine libmachine/provision/debian.go `Provision`, utils.go `ConfigureAuth`): inspect the
/// host, make its server certificate, copy the certificates and the systemd drop-in, restart
/// docker, check the engine with the client certificate, and only then save the machine.
///
/// A failure names its step. The host keeps its previous drop-in and certificates when the new
/// engine does not come up (they are restored and docker is restarted as it was), and the store
/// never holds a half-made machine: the new folder replaces the old one only at the end.
public struct Provisioner: Sendable {
    public struct Request: Sendable {
        public var name: String
        public var driver: GenericDriver
        public var options: EngineOptions
        public var sans: [String]
        /// `--install`: install the distribution's Docker when the host has none.
        public var install: Bool
        /// The machine is recorded already (`provision NAME`, `regenerate-certs NAME`).
        public var replacing: Bool
        /// `regenerate-certs --client`: a new client certificate too.
        public var renewClient: Bool

        public init(name: String, driver: GenericDriver, options: EngineOptions, sans: [String] = [],
                    install: Bool = false, replacing: Bool = false, renewClient: Bool = false) {
            self.name = name
            self.driver = driver
            self.options = options
            self.sans = sans
            self.install = install
            self.replacing = replacing
            self.renewClient = renewClient
        }
    }

    public let storage: MachineStorage
    public let request: Request
    let remote: any ProvisionRemote
    /// Pings the engine with the staged client certificate: nil once it answered, else why not.
    let ping: @Sendable (Endpoint) async -> String?
    let announce: @Sendable (ProvisionStep) -> Void
    /// How long the restarted engine has to answer over TLS.
    let pingDeadline: Duration

    public init(
        storage: MachineStorage, request: Request, remote: any ProvisionRemote, pingDeadline: Duration = .seconds(30),
        ping: @escaping @Sendable (Endpoint) async -> String?, announce: @escaping @Sendable (ProvisionStep) -> Void
    ) {
        self.storage = storage
        self.request = request
        self.remote = remote
        self.ping = ping
        self.announce = announce
        self.pingDeadline = pingDeadline
    }

    /// What was done: the host as inspected, the drop-in installed, store files made on the way.
    public struct Outcome: Sendable {
        public let inspection: HostInspection
        public let dropIn: SystemdDropIn
        public let madeInStore: [String]
    }

    public func run() async throws(MachineError) -> Outcome {
        try request.driver.validate()
        try request.options.validate()
        var inspection = try await inspect()
        if let refusal = inspection.refusal(install: request.install) { throw failure(.inspect, refusal) }
        if inspection.dockerd.isEmpty {
            announce(.install)
            try await runScript(.install, ProvisionScript.installDocker)
            inspection = try await inspect()
            guard !inspection.dockerd.isEmpty else { throw failure(.install, "apt-get install docker.io left no dockerd on the host") }
        }

        announce(.certificates)
        let staged: StagedMachine
        do throws(MachineError) {
            staged = try storage.stage(name: request.name, driver: request.driver, options: request.options, sans: request.sans,
                                       replacing: request.replacing, renewClient: request.renewClient)
        } catch where error.kind == .usage || error.kind == .exists {
            throw error
        } catch {
            throw failure(.certificates, error.description)
        }
        do throws(MachineError) {
            let dropIn = SystemdDropIn(dockerd: inspection.dockerd, port: request.driver.enginePort,
                                       storageDriver: inspection.storageDriver(requested: request.options.storageDriver),
                                       options: request.options, driver: "generic")
            try await configure(staged, dropIn: dropIn)
            announce(.save)
            do throws(MachineError) {
                try storage.commit(staged)
            } catch {
                // The engine runs with certificates no record holds: put the host back as it was.
                throw failure(.save, error.description + (await restore(ProvisionScript.restore)))
            }
            return Outcome(inspection: inspection, dropIn: dropIn, madeInStore: staged.madeInStore)
        } catch {
            storage.discard(staged)
            throw error
        }
    }

    private func inspect() async throws(MachineError) -> HostInspection {
        announce(.inspect)
        return HostInspection(output: try await runScript(.inspect, ProvisionScript.inspect).stdout)
    }

    /// Copies, restarts, pings; puts the host back as it was when the new engine does not answer.
    private func configure(_ staged: StagedMachine, dropIn: SystemdDropIn) async throws(MachineError) {
        announce(.copy)
        let text = { (path: String) throws(MachineError) -> String in String(decoding: try StoreFiles.read(path), as: UTF8.self) }
        let install = ProvisionScript.install(
            ca: try text(staged.paths.caCertificate), certificate: try text(staged.paths.serverCertificate),
            key: try text(staged.paths.serverKey), dropIn: dropIn.text)
        do throws(MachineError) {
            try await runScript(.copy, install)
        } catch {
            throw MachineError(.failed, error.description + (await restore(ProvisionScript.restoreFiles)))
        }

        announce(.restart)
        let restarted: RemoteOutput
        do throws(MachineError) {
            restarted = try await remote.run(ProvisionScript.restart)
        } catch {
            throw failure(.restart, error.description)
        }
        switch restarted.status {
        case 0: break
        case 3: throw failure(.restart, "\(restarted.reason); the previous drop-in and certificates are restored and docker runs as before")
        case 2: throw failure(.restart, "\(restarted.reason); the previous drop-in and certificates are restored")
        default: throw failure(.restart, restarted.reason)
        }

        announce(.ping)
        let deadline = ContinuousClock.now + pingDeadline
        var reason = await ping(staged.endpoint)
        while reason != nil, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(250))
            reason = await ping(staged.endpoint)
        }
        if let reason {
            throw failure(.ping, "\(request.driver.url) did not answer within \(pingDeadline.components.seconds) s: \(reason)"
                + (await restore(ProvisionScript.restore)))
        }
    }

    /// Runs a restore script; what the failure message adds about it.
    private func restore(_ script: String) async -> String {
        let restored = (try? await remote.run(script))?.status == 0
        return restored ? "; the previous drop-in and certificates are restored and docker runs as before"
                        : "; restoring the previous drop-in and certificates failed too"
    }

    @discardableResult
    private func runScript(_ step: ProvisionStep, _ script: String) async throws(MachineError) -> RemoteOutput {
        let output: RemoteOutput
        do throws(MachineError) {
            output = try await remote.run(script)
        } catch {
            throw failure(step, error.description)
        }
        guard output.status == 0 else { throw failure(step, output.reason) }
        return output
    }

    private func failure(_ step: ProvisionStep, _ reason: String) -> MachineError {
        MachineError(.failed, "\(step.name) failed: \(reason)")
    }
}
