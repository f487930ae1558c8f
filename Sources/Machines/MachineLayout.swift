import Endpoints

/// Where docker-machine keeps things (docker/machine commands/mcndirs/utils.go): one CA and client certificate in
/// `certs/` shared by every machine, and one folder per machine under `machines/`.
public struct MachineLayout: Sendable, Hashable {
    public let root: String

    public init(root: String) { self.root = root }

    /// `MACHINE_STORAGE_PATH`, else `~/.docker/machine`, as docker-machine and dmux's discovery read it.
    public init(environment: [String: String], home: String) {
        self.init(root: MachineStore.root(environment: environment, home: home))
    }

    public var certs: String { root + "/certs" }
    public var caCertificate: String { certs + "/ca.pem" }
    public var caKey: String { certs + "/ca-key.pem" }
    public var clientCertificate: String { certs + "/cert.pem" }
    public var clientKey: String { certs + "/key.pem" }
    public var machines: String { root + "/machines" }

    public func machine(_ name: String) -> MachinePaths { MachinePaths(directory: machines + "/" + name) }
}

/// The files of one machine's folder, the per-machine copies that `env`/`config` point clients at.
public struct MachinePaths: Sendable, Hashable {
    public let directory: String

    public var config: String { directory + "/config.json" }
    public var caCertificate: String { directory + "/ca.pem" }
    public var clientCertificate: String { directory + "/cert.pem" }
    public var clientKey: String { directory + "/key.pem" }
    public var serverCertificate: String { directory + "/server.pem" }
    public var serverKey: String { directory + "/server-key.pem" }
}
