import Core

/// `machines/NAME/config.json` as docker-machine v0.16 writes it (docker/machine
/// libmachine/host/host.go) for the `none` driver (`Driver.URL`, `IPAddress` = host:port) or the
/// `generic` one (the SSH login and `EnginePort`, docker/machine drivers/generic/generic.go):
/// ConfigVersion 3 and the full HostOptions so that docker-machine itself loads it. Rendered in
/// Go's `json.MarshalIndent(…, "", "    ")` layout.
struct MachineConfigFile {
    enum Driver {
        /// `url` is `tcp://host:port`; `hostPort` what the none driver stores as its IP.
        case none(url: String, hostPort: String)
        case generic(GenericDriver)
    }

    let name: String
    let driver: Driver
    let layout: MachineLayout
    let sans: [String]
    var engineOptions = EngineOptions()

    init(name: String, url: String, hostPort: String, layout: MachineLayout, sans: [String]) {
        self.init(name: name, driver: .none(url: url, hostPort: hostPort), layout: layout, sans: sans)
    }

    init(name: String, driver: Driver, layout: MachineLayout, sans: [String], engineOptions: EngineOptions = EngineOptions()) {
        self.name = name
        self.driver = driver
        self.layout = layout
        self.sans = sans
        self.engineOptions = engineOptions
    }

    func render() -> String {
        let paths = layout.machine(name)
        let q = { GoJSON.quote($0) }
        let list = { (values: [String], indent: String) in
            values.isEmpty ? "[]" : "[\n" + values.map { "\(indent)    \(q($0))" }.joined(separator: ",\n") + "\n\(indent)]"
        }
        let sanList = list(sans, "            ")
        let driverFields: String
        let driverName: String
        switch driver {
        case .none(let url, let hostPort):
            driverName = "none"
            driverFields = """
                        "IPAddress": \(q(hostPort)),
                        "MachineName": \(q(name)),
                        "SSHUser": "",
                        "SSHPort": 0,
                        "SSHKeyPath": "",
                        "StorePath": \(q(layout.root)),
                        "SwarmMaster": false,
                        "SwarmHost": "",
                        "SwarmDiscovery": "",
                        "URL": \(q(url))
                """
        case .generic(let generic):
            driverName = "generic"
            driverFields = """
                        "IPAddress": \(q(generic.ipAddress)),
                        "MachineName": \(q(name)),
                        "SSHUser": \(q(generic.sshUser)),
                        "SSHPort": \(generic.sshPort),
                        "SSHKeyPath": \(q(generic.sshKeyPath)),
                        "StorePath": \(q(layout.root)),
                        "SwarmMaster": false,
                        "SwarmHost": "",
                        "SwarmDiscovery": "",
                        "EnginePort": \(generic.enginePort),
                        "SSHKey": \(q(generic.sshKey))
                """
        }
        let options = engineOptions
        return """
            {
                "ConfigVersion": 3,
                "Driver": {
            \(driverFields)
                },
                "DriverName": \(q(driverName)),
                "HostOptions": {
                    "Driver": "",
                    "Memory": 0,
                    "Disk": 0,
                    "EngineOptions": {
                        "ArbitraryFlags": \(list(options.arbitraryFlags, "            ")),
                        "Dns": null,
                        "GraphDir": "",
                        "Env": [],
                        "Ipv6": false,
                        "InsecureRegistry": \(list(options.insecureRegistries, "            ")),
                        "Labels": \(list(options.labels, "            ")),
                        "LogLevel": "",
                        "StorageDriver": \(q(options.storageDriver)),
                        "SelinuxEnabled": false,
                        "TlsVerify": true,
                        "RegistryMirror": \(list(options.registryMirrors, "            ")),
                        "InstallURL": "https://get.docker.com"
                    },
                    "SwarmOptions": {
                        "IsSwarm": false,
                        "Address": "",
                        "Discovery": "",
                        "Agent": false,
                        "Master": false,
                        "Host": "tcp://0.0.0.0:3376",
                        "Image": "swarm:latest",
                        "Strategy": "spread",
                        "Heartbeat": 0,
                        "Overcommit": 0,
                        "ArbitraryFlags": [],
                        "ArbitraryJoinFlags": [],
                        "Env": null,
                        "IsExperimental": false
                    },
                    "AuthOptions": {
                        "CertDir": \(q(layout.certs)),
                        "CaCertPath": \(q(layout.caCertificate)),
                        "CaPrivateKeyPath": \(q(layout.caKey)),
                        "CaCertRemotePath": "",
                        "ServerCertPath": \(q(paths.serverCertificate)),
                        "ServerKeyPath": \(q(paths.serverKey)),
                        "ClientKeyPath": \(q(layout.clientKey)),
                        "ServerCertRemotePath": "",
                        "ServerKeyRemotePath": "",
                        "ClientCertPath": \(q(layout.clientCertificate)),
                        "ServerCertSANs": \(sanList),
                        "StorePath": \(q(paths.directory))
                    }
                },
                "Name": \(q(name))
            }
            """
    }
}

/// The few facts of a saved `config.json` that machine commands need, read from any driver's file.
struct SavedMachineConfig {
    let driverURL: String?
    let serverCertSANs: [String]

    init(contents: [UInt8], file: String) throws(MachineError) {
        guard let object = try? JSONObject.parse(contents) else { throw MachineError(.failed, "\(file): malformed JSON") }
        driverURL = object.object("Driver")?.string("URL").flatMap { $0.isEmpty ? nil : $0 }
        serverCertSANs = object.object("HostOptions")?.object("AuthOptions")?.strings("ServerCertSANs") ?? []
    }
}
