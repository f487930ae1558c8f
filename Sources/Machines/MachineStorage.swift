import Core
import Endpoints
import Foundation

/// The docker-machine store, read and written: creates machines with docker-machine's
/// certificates and `config.json`, renews their certificates, removes them, and reads them back.
public struct MachineStorage: Sendable {
    public let layout: MachineLayout
    /// docker-machine's `GetUsername`: `$USER`, or `unknown` when it is empty; the certificates' `O=`.
    public let user: String

    public init(layout: MachineLayout, user: String) {
        self.layout = layout
        self.user = user.isEmpty ? "unknown" : user
    }

    public init(environment: [String: String], home: String) {
        self.init(layout: MachineLayout(environment: environment, home: home), user: environment["USER"] ?? "")
    }

    /// Every machine: the non-dot folders of `machines/`, sorted (docker-machine's `List`).
    public func names() -> [String] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: layout.machines)) ?? []
        return entries.filter { name in
            var isDirectory: ObjCBool = false
            return !name.hasPrefix(".") && FileManager.default.fileExists(atPath: layout.machines + "/" + name, isDirectory: &isDirectory)
                && isDirectory.boolValue
        }.sorted()
    }

    /// Creates machine `name` for an engine at `url` (`tcp://ADDR:PORT`). The machine is assembled
    /// in a hidden folder and renamed into place, so a failure leaves nothing half-made and an
    /// existing machine is replaced only with `force` (and only once the new one is complete).
    public func create(name: String, url: String, sans: [String], force: Bool) throws(MachineError) -> MachineCreation {
        try MachineName.validate(name)
        let (host, port) = try Self.parseURL(url)
        for san in sans where san.isEmpty || !san.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 0x20 && $0 != "," }) {
            throw MachineError(.usage, "invalid --san \"\(san)\": give one ASCII host name or IP address per --san")
        }
        let paths = layout.machine(name)
        let exists = StoreFiles.exists(paths.directory)
        if exists && !force {
            throw MachineError(.exists, "machine \"\(name)\" already exists in \(layout.machines); add --force to replace it")
        }
        try StoreFiles.makeDirectory(layout.root, mode: 0o755)
        try StoreFiles.makeDirectory(layout.machines, mode: 0o700)
        let bootstrap = CertificateBootstrap(layout: layout, user: user)
        let (authority, made) = try bootstrap.run()

        let staging = layout.machines + "/.\(name).new-\(getpid())"
        StoreFiles.remove(staging)
        do throws(MachineError) {
            try StoreFiles.makeDirectory(staging, mode: 0o700)
            let stagedPaths = MachinePaths(directory: staging)
            try writeServerFiles(stagedPaths, name: name, host: host, sans: sans, authority: authority, bootstrap: bootstrap)
            try copyClientFiles(into: stagedPaths)
            let canonicalURL = "tcp://" + GoNet.joinHostPort(host, port)
            let config = MachineConfigFile(name: name, url: canonicalURL, hostPort: GoNet.joinHostPort(host, port), layout: layout, sans: sans)
            try StoreFiles.write(config.render(), to: stagedPaths.config, mode: 0o600)
            try replace(paths.directory, with: staging)
            return MachineCreation(name: name, url: canonicalURL, port: port, paths: paths, madeInStore: made)
        } catch {
            StoreFiles.remove(staging)
            throw error
        }
    }

    /// A new server key and certificate for `name` (same SANs as before), and fresh copies of the
    /// CA and client files; `client` first renews the store's client certificate.
    @discardableResult
    public func regenerateCertificates(name: String, client: Bool) throws(MachineError) -> [String] {
        let record = try machine(name)
        guard case .tcp(let host, _, _)? = record.endpoint?.address else {
            throw MachineError(.failed, "machine \(name): \(record.problem ?? "not a TCP engine"); cannot make its server certificate")
        }
        let bootstrap = CertificateBootstrap(layout: layout, user: user)
        let (authority, made) = try bootstrap.run(renewingClient: client)
        let saved = try SavedMachineConfig(contents: StoreFiles.read(record.paths.config), file: record.paths.config)
        try writeServerFiles(record.paths, name: name, host: host, sans: saved.serverCertSANs, authority: authority, bootstrap: bootstrap)
        try copyClientFiles(into: record.paths)
        return made + [record.paths.serverCertificate, record.paths.caCertificate, record.paths.clientCertificate]
    }

    /// Removes machine `name`'s folder. Without `force` a missing machine is an error.
    public func remove(name: String, force: Bool) throws(MachineError) {
        try MachineName.validate(name)
        let directory = layout.machine(name).directory
        guard StoreFiles.exists(directory) else {
            if force { return }
            throw MachineError(.notFound, "machine \"\(name)\" does not exist in \(layout.machines)")
        }
        do {
            try FileManager.default.removeItem(atPath: directory)
        } catch {
            throw MachineError(.failed, "removing \(directory): \(error.localizedDescription)")
        }
    }

    /// Machine `name` as clients see it: URL, endpoint (nil with a reason when unusable).
    public func machine(_ name: String) throws(MachineError) -> MachineRecord {
        try MachineName.validate(name)
        let paths = layout.machine(name)
        guard StoreFiles.exists(paths.directory) else {
            throw MachineError(.notFound, "machine \"\(name)\" does not exist in \(layout.machines)")
        }
        let (endpoint, diagnostics) = MachineStore.machine(named: name, root: layout.root)
        let saved = StoreFiles.exists(paths.config)
            ? try? SavedMachineConfig(contents: StoreFiles.read(paths.config), file: paths.config) : nil
        let url = saved?.driverURL ?? endpoint?.address.description
        let problem = endpoint == nil ? diagnostics.first?.message : nil
        return MachineRecord(name: name, paths: paths, url: url, endpoint: endpoint, problem: problem)
    }

    /// How to log in to machine `name` over SSH (`machine ssh`, `scp`, `ip`).
    public func sshLogin(_ name: String) throws(MachineError) -> MachineSSHLogin {
        let record = try machine(name)
        return try MachineSSHLogin(machine: name, config: StoreFiles.read(record.paths.config), file: record.paths.config)
    }

    /// The `config.json` text, for `machine inspect`.
    public func configText(_ name: String) throws(MachineError) -> String {
        let record = try machine(name)
        return String(decoding: try StoreFiles.read(record.paths.config), as: UTF8.self)
    }

    // MARK: - Steps

    func writeServerFiles(
        _ paths: MachinePaths, name: String, host: String, sans: [String],
        authority: (certificate: Certificate, key: RSAKey), bootstrap: CertificateBootstrap
    ) throws(MachineError) {
        var names: [String] = []
        for candidate in sans + [host, "localhost"] where !names.contains(candidate) { names.append(candidate) }
        try bootstrap.issue(.server(alternativeNames: names), organization: user + "." + name,
                            certificate: paths.serverCertificate, key: paths.serverKey, issuer: authority)
    }

    /// Byte-identical copies, as provisioning's ConfigureAuth leaves them; `env`/`config` point here.
    func copyClientFiles(into paths: MachinePaths) throws(MachineError) {
        try StoreFiles.write(StoreFiles.read(layout.caCertificate), to: paths.caCertificate, mode: 0o644)
        try StoreFiles.write(StoreFiles.read(layout.clientCertificate), to: paths.clientCertificate, mode: 0o644)
        try StoreFiles.write(StoreFiles.read(layout.clientKey), to: paths.clientKey, mode: 0o600)
    }

    /// Puts the finished `staging` folder at `target`, moving an old machine aside until then.
    func replace(_ target: String, with staging: String) throws(MachineError) {
        let old = layout.machines + "/.\((target as NSString).lastPathComponent).old-\(getpid())"
        let hadOld = StoreFiles.exists(target)
        if hadOld {
            StoreFiles.remove(old)
            guard rename(target, old) == 0 else { throw StoreFiles.failure("move aside", target) }
        }
        guard rename(staging, target) == 0 else {
            let error = StoreFiles.failure("rename \(staging) to", target)
            if hadOld { rename(old, target) }
            throw error
        }
        if hadOld { StoreFiles.remove(old) }
    }

    static func parseURL(_ url: String) throws(MachineError) -> (host: String, port: Int) {
        guard url.hasPrefix("tcp://") else {
            throw MachineError(.usage, "invalid --url \"\(url)\": a machine is reached over TCP: tcp://ADDR:PORT")
        }
        let address: EngineAddress
        do throws(HostSyntaxError) {
            address = try HostSyntax.parse(url, defaultToTLS: true)
        } catch {
            throw MachineError(.usage, "invalid --url \"\(url)\": \(error)")
        }
        guard case .tcp(let host, let port, let basePath) = address, basePath.isEmpty, !host.isEmpty else {
            throw MachineError(.usage, "invalid --url \"\(url)\": expected tcp://ADDR:PORT with no path")
        }
        return (host, port)
    }
}

/// What `create` made: where the machine is and how its engine must listen.
public struct MachineCreation: Sendable {
    public let name: String
    public let url: String
    public let port: Int
    public let paths: MachinePaths
    /// Store-wide files made on the way (a first CA or client certificate, or expired ones renewed).
    public let madeInStore: [String]

    public var setup: DaemonSetup { DaemonSetup(port: port) }
}

/// One machine as read from the store.
public struct MachineRecord: Sendable {
    public let name: String
    public let paths: MachinePaths
    /// `Driver.URL` verbatim for the `none` driver, else the URL the driver's fields give.
    public let url: String?
    public let endpoint: Endpoint?
    /// Why `endpoint` is nil.
    public let problem: String?
}
