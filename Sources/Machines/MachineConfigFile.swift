import Core

/// `machines/NAME/config.json` as docker-machine v0.16 writes it for the `none` driver
/// (docker/machine libmachine/host/host.go): ConfigVersion 3, `Driver.URL`, `IPAddress` = host:port, and the full
/// HostOptions so that docker-machine itself loads it. Rendered in Go's `json.MarshalIndent(…, "", "    ")` layout.
struct MachineConfigFile {
    let name: String
    /// `tcp://host:port`.
    let url: String
    /// `host:port`, what the none driver stores as its IP.
    let hostPort: String
    let layout: MachineLayout
    let sans: [String]

    func render() -> String {
        let paths = layout.machine(name)
        let q = { GoJSON.quote($0) }
        let sanList = sans.isEmpty ? "[]" : "[\n" + sans.map { "                \(q($0))" }.joined(separator: ",\n") + "\n            ]"
        return """
            {
                "ConfigVersion": 3,
                "Driver": {
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
                },
                "DriverName": "none",
                "HostOptions": {
                    "Driver": "",
                    "Memory": 0,
                    "Disk": 0,
                    "EngineOptions": {
                        "ArbitraryFlags": [],
                        "Dns": null,
                        "GraphDir": "",
                        "Env": [],
                        "Ipv6": false,
                        "InsecureRegistry": [],
                        "Labels": [],
                        "LogLevel": "",
                        "StorageDriver": "",
                        "SelinuxEnabled": false,
                        "TlsVerify": true,
                        "RegistryMirror": [],
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
