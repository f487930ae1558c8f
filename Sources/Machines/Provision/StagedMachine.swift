import Endpoints
import Foundation

/// A generic machine's folder while it is provisioned: its new certificates (and the copy of its
/// SSH key) in a hidden sibling of the store's `machines/NAME`, which takes the place of the old
/// folder only once the engine has answered with them — so a failure leaves the store as it was.
public struct StagedMachine: Sendable {
    public let name: String
    /// The hidden folder, `machines/.NAME.new-PID`.
    public let paths: MachinePaths
    /// The driver fields as they will be saved (`SSHKeyPath` already the final folder's).
    public let driver: GenericDriver
    public let options: EngineOptions
    public let sans: [String]
    /// Store-wide files made on the way (a first CA or client certificate).
    public let madeInStore: [String]

    /// The engine as the staged certificates reach it: what the ping after the restart uses.
    public var endpoint: Endpoint {
        Endpoint(
            name: name, source: .machine(store: (paths.directory as NSString).deletingLastPathComponent),
            address: .tcp(host: driver.ipAddress, port: driver.enginePort, basePath: ""),
            tls: TLSSettings(caFile: paths.caCertificate, certificateFile: paths.clientCertificate,
                             privateKeyFile: paths.clientKey, verify: true),
            certDirectory: paths.directory)
    }
}

extension MachineStorage {
    /// The generic driver fields, engine options and SANs of a recorded machine (`machine provision
    /// NAME`, `regenerate-certs`); a machine of another driver is refused, saying why.
    public func genericMachine(_ name: String) throws(MachineError) -> (driver: GenericDriver, options: EngineOptions, sans: [String]) {
        let record = try machine(name)
        let contents = try StoreFiles.read(record.paths.config)
        guard let (driver, options) = try GenericDriver.saved(contents, file: record.paths.config) else {
            throw MachineError(.failed, "machine \(name) was not made by --driver generic (no SSH login in \(record.paths.config)); nothing to provision over SSH")
        }
        let sans = try SavedMachineConfig(contents: contents, file: record.paths.config).serverCertSANs
        return (driver, options, sans)
    }

    /// True when the store holds a generic machine of this name.
    public func isGeneric(_ name: String) -> Bool {
        (try? genericMachine(name)) != nil
    }

    /// Makes the staged folder: a server certificate for the machine's address and SANs (docker-machine's
    /// order: SANs, IP, `localhost`) signed by the store's CA, the CA and client copies, and the SSH
    /// key copied under its own name (docker/machine drivers/generic/generic.go `PreCreateCheck`/`Create`).
    /// `replacing` is false for `create`: an existing machine is then an error.
    public func stage(
        name: String, driver: GenericDriver, options: EngineOptions, sans: [String], replacing: Bool, renewClient: Bool = false
    ) throws(MachineError) -> StagedMachine {
        try MachineName.validate(name)
        try driver.validate()
        try options.validate()
        let final = layout.machine(name)
        if !replacing && StoreFiles.exists(final.directory) {
            throw MachineError(.exists, "machine \"\(name)\" already exists in \(layout.machines); 'machine provision \(name)' provisions it again")
        }
        try StoreFiles.makeDirectory(layout.root, mode: 0o755)
        try StoreFiles.makeDirectory(layout.machines, mode: 0o700)
        let bootstrap = CertificateBootstrap(layout: layout, user: user)
        let (authority, made) = try bootstrap.run(renewingClient: renewClient)
        let staging = MachinePaths(directory: layout.machines + "/.\(name).new-\(getpid())")
        StoreFiles.remove(staging.directory)
        var staged = driver
        do throws(MachineError) {
            try StoreFiles.makeDirectory(staging.directory, mode: 0o700)
            try writeServerFiles(staging, name: name, host: driver.ipAddress, sans: sans, authority: authority, bootstrap: bootstrap)
            try copyClientFiles(into: staging)
            let key = driver.sshKeyPath.isEmpty ? driver.sshKey : driver.sshKeyPath
            if !key.isEmpty {
                let base = (key as NSString).lastPathComponent
                try StoreFiles.write(StoreFiles.read(key), to: staging.directory + "/" + base, mode: 0o600)
                staged.sshKeyPath = final.directory + "/" + base
            }
        } catch {
            StoreFiles.remove(staging.directory)
            throw error
        }
        return StagedMachine(name: name, paths: staging, driver: staged, options: options, sans: sans, madeInStore: made)
    }

    /// Writes `config.json` in the generic driver's shape and puts the staged folder in place.
    public func commit(_ staged: StagedMachine) throws(MachineError) {
        do throws(MachineError) {
            let config = MachineConfigFile(name: staged.name, driver: .generic(staged.driver), layout: layout,
                                           sans: staged.sans, engineOptions: staged.options)
            try StoreFiles.write(config.render(), to: staged.paths.config, mode: 0o600)
            try replace(layout.machine(staged.name).directory, with: staged.paths.directory)
        } catch {
            discard(staged)
            throw error
        }
    }

    /// Removes a staged folder that will not be used.
    public func discard(_ staged: StagedMachine) {
        StoreFiles.remove(staged.paths.directory)
    }
}
