/// What to install on the engine's host so that dockerd listens on TCP with `--tlsverify` and the
/// machine's server certificate: docker-machine's systemd drop-in (docker/machine
/// libmachine/provision/systemd.go) and the equivalent `daemon.json`.
public struct DaemonSetup: Sendable, Hashable {
    /// The engine port, from the machine URL.
    public let port: Int

    public init(port: Int) { self.port = port }

    public static let dropInPath = SystemdDropIn.path
    public static let remoteCA = SystemdDropIn.remoteCA
    public static let remoteCertificate = SystemdDropIn.remoteCertificate
    public static let remoteKey = SystemdDropIn.remoteKey

    /// The drop-in exactly as docker-machine renders it for the `none` driver, trailing space included.
    public var dropIn: String { SystemdDropIn(port: port, driver: "none").text }

    /// The same settings as `/etc/docker/daemon.json`. dockerd refuses `hosts` there when its unit
    /// also passes `-H`, so the unit's ExecStart must then be plain `/usr/bin/dockerd`.
    public var daemonJSON: String {
        """
        {
            "hosts": ["tcp://0.0.0.0:\(port)", "unix:///var/run/docker.sock"],
            "storage-driver": "overlay2",
            "tlsverify": true,
            "tlscacert": "\(Self.remoteCA)",
            "tlscert": "\(Self.remoteCertificate)",
            "tlskey": "\(Self.remoteKey)",
            "labels": ["provider=none"]
        }

        """
    }

    /// The instructions `machine create` prints: which files go where, then both ways to configure dockerd.
    public func instructions(machine name: String, url: String, paths: MachinePaths) -> String {
        let copies = [
            (paths.caCertificate, Self.remoteCA, "0644"), (paths.serverCertificate, Self.remoteCertificate, "0644"),
            (paths.serverKey, Self.remoteKey, "0600"),
        ]
        let width = copies.map(\.0.count).max() ?? 0
        var out = "Machine \(name) is ready in \(paths.directory); its engine must listen on \(url).\n\n"
        out += "On the engine's host, copy these files to /etc/docker/:\n"
        for (from, to, mode) in copies {
            out += "  \(from)\(String(repeating: " ", count: width - from.count))  ->  \(to)  (mode \(mode))\n"
        }
        out += "\nthen install the systemd drop-in \(Self.dropInPath):\n\n\(dropIn)\n"
        out += "and run: systemctl daemon-reload && systemctl restart docker\n\n"
        out += "Or, instead of the drop-in, /etc/docker/daemon.json (the unit's ExecStart must then have no -H):\n\n"
        out += daemonJSON
        out += "\nThen from here: docker $(dmux machine config \(name)) version\n"
        return out
    }
}
