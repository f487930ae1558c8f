/// docker-machine's systemd drop-in for dockerd, `/etc/systemd/system/docker.service.d/10-machine.conf`,
/// rendered as its `engineConfigTmpl` renders it (docker/machine libmachine/provision/systemd.go
/// `GenerateDockerOptions`): the flags in its order, a space after each, `provider=DRIVER` as the
/// last label, and an empty `Environment=`. Two facts are the host's, not the template's: the
/// path of dockerd (Debian's is `/usr/sbin/dockerd`; the template's `/usr/bin/dockerd` fails
/// there with status 203/EXEC) and the storage driver (overlay2 cannot work everywhere).
public struct SystemdDropIn: Sendable, Hashable {
    public static let path = "/etc/systemd/system/docker.service.d/10-machine.conf"
    public static let remoteCA = "/etc/docker/ca.pem"
    public static let remoteCertificate = "/etc/docker/server.pem"
    public static let remoteKey = "/etc/docker/server-key.pem"

    public var dockerd: String
    public var port: Int
    public var storageDriver: String
    public var options: EngineOptions
    /// `DriverName()`: `generic`, or `none` for the instructions `machine create --url` prints.
    public var driver: String

    public init(dockerd: String = "/usr/bin/dockerd", port: Int, storageDriver: String = "overlay2",
                options: EngineOptions = EngineOptions(), driver: String) {
        self.dockerd = dockerd
        self.port = port
        self.storageDriver = storageDriver
        self.options = options
        self.driver = driver
    }

    public var text: String {
        var line = "ExecStart=\(dockerd) -H tcp://0.0.0.0:\(port) -H unix:///var/run/docker.sock --storage-driver \(storageDriver) "
            + "--tlsverify --tlscacert \(Self.remoteCA) --tlscert \(Self.remoteCertificate) --tlskey \(Self.remoteKey) "
        for label in options.labels + ["provider=\(driver)"] { line += "--label \(label) " }
        for registry in options.insecureRegistries { line += "--insecure-registry \(registry) " }
        for mirror in options.registryMirrors { line += "--registry-mirror \(mirror) " }
        for flag in options.arbitraryFlags { line += "--\(flag) " }
        return "[Service]\nExecStart=\n" + line + "\nEnvironment=\n"
    }
}
