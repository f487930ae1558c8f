/// `config.json` files in the shapes docker-machine v0.16.2 writes (docker/machine libmachine/host/host.go).
enum MachineFixtures {
    static func authOptions(root: String, name: String) -> String {
        """
        {
            "CertDir": "\(root)/certs",
            "CaCertPath": "\(root)/certs/ca.pem",
            "CaPrivateKeyPath": "\(root)/certs/ca-key.pem",
            "CaCertRemotePath": "",
            "ServerCertPath": "\(root)/machines/\(name)/server.pem",
            "ServerKeyPath": "\(root)/machines/\(name)/server-key.pem",
            "ClientKeyPath": "\(root)/certs/key.pem",
            "ServerCertRemotePath": "",
            "ServerKeyRemotePath": "",
            "ClientCertPath": "\(root)/certs/cert.pem",
            "ServerCertSANs": [],
            "StorePath": "\(root)/machines/\(name)"
        }
        """
    }

    static func hostOptions(root: String, name: String) -> String {
        """
        {
            "Driver": "", "Memory": 0, "Disk": 0,
            "EngineOptions": {
                "ArbitraryFlags": [], "Dns": null, "GraphDir": "", "Env": [], "Ipv6": false,
                "InsecureRegistry": [], "Labels": [], "LogLevel": "", "StorageDriver": "",
                "SelinuxEnabled": false, "TlsVerify": true, "RegistryMirror": [],
                "InstallURL": "https://get.docker.com"
            },
            "SwarmOptions": {
                "IsSwarm": false, "Address": "", "Discovery": "", "Agent": false, "Master": false,
                "Host": "tcp://0.0.0.0:3376", "Image": "swarm:latest", "Strategy": "spread",
                "Heartbeat": 0, "Overcommit": 0, "ArbitraryFlags": [], "ArbitraryJoinFlags": [],
                "Env": null, "IsExperimental": false
            },
            "AuthOptions": \(authOptions(root: root, name: name))
        }
        """
    }

    static func baseDriver(root: String, name: String, ip: String) -> String {
        """
        "IPAddress": "\(ip)",
        "MachineName": "\(name)",
        "SSHUser": "ubuntu",
        "SSHPort": 22,
        "SSHKeyPath": "\(root)/machines/\(name)/id_rsa",
        "StorePath": "\(root)",
        "SwarmMaster": false,
        "SwarmHost": "",
        "SwarmDiscovery": ""
        """
    }

    static func config(root: String, name: String, driverName: String, driver: String, version: Int = 3) -> String {
        """
        {
            "ConfigVersion": \(version),
            "Driver": {\(driver)},
            "DriverName": "\(driverName)",
            "HostOptions": \(hostOptions(root: root, name: name)),
            "Name": "\(name)"
        }
        """
    }

    static func generic(root: String, name: String, ip: String, enginePort: Int = 2376) -> String {
        config(root: root, name: name, driverName: "generic", driver: baseDriver(root: root, name: name, ip: ip)
            + ", \"EnginePort\": \(enginePort), \"SSHKey\": \"/home/alice/.ssh/id_rsa\"")
    }

    static func none(root: String, name: String, url: String, ip: String) -> String {
        config(root: root, name: name, driverName: "none",
               driver: baseDriver(root: root, name: name, ip: ip) + (url.isEmpty ? "" : ", \"URL\": \"\(url)\""))
    }

    static func virtualbox(root: String, name: String, ip: String) -> String {
        config(root: root, name: name, driverName: "virtualbox", driver: baseDriver(root: root, name: name, ip: ip) + """
            , "VBoxManager": {}, "HostInterfaces": {}, "CPU": 1, "Memory": 1024, "DiskSize": 20000,
            "NatNicType": "82540EM", "Boot2DockerURL": "", "Boot2DockerImportVM": "",
            "HostDNSResolver": false, "HostOnlyCIDR": "192.168.99.1/24", "HostOnlyNicType": "82540EM",
            "HostOnlyPromiscMode": "deny", "UIType": "headless", "HostOnlyNoDHCP": false, "NoShare": false,
            "DNSProxy": true, "NoVTXCheck": false, "ShareFolder": ""
            """)
    }
}
