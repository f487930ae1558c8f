import Core

/// The `Driver` fields of docker-machine's generic driver (docker/machine drivers/generic/generic.go):
/// a host reached over SSH at `ipAddress`, its engine on `enginePort`. Defaults are its flags'
/// (`--generic-ssh-user root`, `--generic-ssh-port 22`, `--generic-engine-port 2376`).
public struct GenericDriver: Sendable, Hashable {
    public static let defaultSSHUser = "root"
    public static let defaultSSHPort = 22
    public static let defaultEnginePort = 2376

    public var ipAddress: String
    public var sshUser: String
    public var sshPort: Int
    /// The machine's copy of the key (`machines/NAME/BASENAME`), "" for the agent's keys.
    public var sshKeyPath: String
    /// The key as the user named it (`--generic-ssh-key`), "" when none was given.
    public var sshKey: String
    public var enginePort: Int

    public init(ipAddress: String, sshUser: String = defaultSSHUser, sshPort: Int = defaultSSHPort,
                sshKeyPath: String = "", sshKey: String = "", enginePort: Int = defaultEnginePort) {
        self.ipAddress = ipAddress
        self.sshUser = sshUser
        self.sshPort = sshPort
        self.sshKeyPath = sshKeyPath
        self.sshKey = sshKey
        self.enginePort = enginePort
    }

    /// `tcp://IP:PORT`, as the generic driver's `GetURL` makes it.
    public var url: String { "tcp://" + GoNet.joinHostPort(ipAddress, enginePort) }

    /// Refuses what cannot be an address, a login or a port, naming the flag.
    public func validate() throws(MachineError) {
        if ipAddress.isEmpty || ipAddress.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value >= 0x7f || "/[]@\\'\"".unicodeScalars.contains($0) }) {
            throw MachineError(.usage, "invalid --generic-ip-address \"\(ipAddress)\": give the host's IP address or name")
        }
        if sshUser.isEmpty || sshUser.hasPrefix("-") || sshUser.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value >= 0x7f || "@:/\\'\"".unicodeScalars.contains($0) }) {
            throw MachineError(.usage, "invalid --generic-ssh-user \"\(sshUser)\"")
        }
        for (flag, port) in [("--generic-ssh-port", sshPort), ("--generic-engine-port", enginePort)] where !(1...65535).contains(port) {
            throw MachineError(.usage, "invalid \(flag) \(port): a TCP port is 1-65535")
        }
    }

    /// The generic fields of a saved `config.json`, with its engine options; nil for another driver.
    static func saved(_ contents: [UInt8], file: String) throws(MachineError) -> (driver: GenericDriver, options: EngineOptions)? {
        guard let object = try? JSONObject.parse(contents) else { throw MachineError(.failed, "\(file): malformed JSON") }
        guard object.string("DriverName") == "generic" else { return nil }
        let fields = object.object("Driver") ?? JSONObject([])
        let engine = object.object("HostOptions")?.object("EngineOptions") ?? JSONObject([])
        let text = { (key: String) in fields.string(key) ?? "" }
        let number = { (key: String, fallback: Int) in fields.int(key).flatMap { $0 > 0 ? $0 : nil } ?? fallback }
        let driver = GenericDriver(
            ipAddress: text("IPAddress"), sshUser: text("SSHUser").isEmpty ? defaultSSHUser : text("SSHUser"),
            sshPort: number("SSHPort", defaultSSHPort), sshKeyPath: text("SSHKeyPath"), sshKey: text("SSHKey"),
            enginePort: number("EnginePort", defaultEnginePort))
        return (driver, EngineOptions(engineOptions: engine))
    }
}
