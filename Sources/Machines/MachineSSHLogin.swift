import Core
import Foundation

/// How docker-machine logs in to a machine: `Driver.IPAddress`, `SSHUser` (default `root`),
/// `SSHPort` (default 22) and `SSHKeyPath` of its `config.json` (docker/machine libmachine/drivers/base.go), turned
/// into the external client's words as docker/machine libmachine/ssh/client.go and commands/scp.go
/// build them — except that host-key checking stays on: no `StrictHostKeyChecking=no`, no
/// `/dev/null` known_hosts. The key must already be in known_hosts (or in `DMUX_SSH_CONFIG`'s).
public struct MachineSSHLogin: Sendable, Hashable {
    public let machine: String
    public let user: String
    public let host: String
    public let port: Int
    /// nil: the keys of ssh-agent and the ssh config.
    public let keyPath: String?
    /// `Driver.IPAddress` verbatim (the `none` driver keeps host:port there): `machine ip`.
    public let ipAddress: String

    public init(machine: String, user: String, host: String, port: Int, keyPath: String?, ipAddress: String) {
        self.machine = machine
        self.user = user
        self.host = host
        self.port = port
        self.keyPath = keyPath
        self.ipAddress = ipAddress
    }

    /// Reads the SSH fields of a `config.json`.
    public init(machine: String, config contents: [UInt8], file: String) throws(MachineError) {
        guard let object = try? JSONObject.parse(contents) else { throw MachineError(.failed, "\(file): malformed JSON") }
        let driver = object.object("Driver") ?? JSONObject([])
        let ip = driver.string("IPAddress")?.trimmingCharacters(in: .whitespaces) ?? ""
        guard !ip.isEmpty else {
            throw MachineError(.failed, "machine \(machine): \(file) has no Driver.IPAddress (has the machine ever been started?)")
        }
        self.machine = machine
        ipAddress = ip
        host = Self.hostPart(of: ip)
        user = driver.string("SSHUser").flatMap { $0.isEmpty ? nil : $0 } ?? "root"
        let port = driver.int("SSHPort") ?? 0
        self.port = port > 0 ? port : 22
        keyPath = driver.string("SSHKeyPath").flatMap { $0.isEmpty ? nil : $0 }
    }

    /// `host` of `host:port` or `[v6]:port`; an address without a port as it is.
    static func hostPart(of address: String) -> String {
        if let (host, _) = GoNet.splitHostPort(address) { return host }
        return address.hasPrefix("[") && address.hasSuffix("]") ? String(address.dropFirst().dropLast()) : address
    }

    /// docker-machine's `baseSSHArgs` less what weakens host-key checking (and less
    /// `LogLevel=quiet`, which would hide ssh's reasons). `config` replaces its `-F /dev/null`.
    static func baseOptions(config: String?) -> [String] {
        ["-F", config ?? "/dev/null",
         "-o", "ConnectionAttempts=3", "-o", "ConnectTimeout=10",
         "-o", "ControlMaster=no", "-o", "ControlPath=none",
         "-o", "PasswordAuthentication=no", "-o", "ServerAliveInterval=60"]
    }

    /// `machine ssh NAME [COMMAND…]`: `ssh OPTIONS [-o IdentitiesOnly=yes -i KEY] -p PORT USER@HOST [COMMAND…]`.
    /// `batch` (no terminal) adds `BatchMode=yes`: nothing could answer a prompt.
    public func sshArguments(config: String?, extraOptions: [String], batch: Bool, command: [String]) -> [String] {
        var words = ["ssh"] + Self.baseOptions(config: config) + extraOptions
        if batch { words += ["-o", "BatchMode=yes"] }
        if let keyPath { words += ["-o", "IdentitiesOnly=yes", "-i", keyPath] }
        words += ["-p", String(port), "\(user)@\(bracketed)"]
        return command.isEmpty ? words : words + ["--"] + command
    }

    /// One side of `machine scp`: the options that reach this machine, and `USER@HOST:PATH`.
    func scpLocation(path: String) -> (options: [String], location: String) {
        var options = ["-o", "Port=\(port)"]
        if let keyPath { options += ["-o", "IdentityFile=\(keyPath)"] }
        return (options, "\(user)@\(bracketed):\(path)")
    }

    private var bracketed: String { host.contains(":") ? "[\(host)]" : host }
}

/// `machine scp [-r] [NAME:]SRC [NAME:]DST` as docker-machine builds it (docker/machine commands/scp.go):
/// a side is remote when it holds a `:` (`NAME:PATH`, `USER@NAME:PATH`; `localhost:` is local),
/// `-3` copies between two machines through this host, and `-r` copies folders.
public enum MachineSCP {
    public struct Side: Sendable, Hashable {
        public let machine: String?
        public let user: String?
        public let path: String
    }

    public static func side(_ argument: String) -> Side {
        guard let colon = argument.firstIndex(of: ":") else { return Side(machine: nil, user: nil, path: argument) }
        var name = String(argument[..<colon])
        let path = String(argument[argument.index(after: colon)...])
        var user: String?
        if let at = name.firstIndex(of: "@") {
            user = String(name[..<at])
            name = String(name[name.index(after: at)...])
        }
        if name == "localhost" { return Side(machine: nil, user: nil, path: path) }
        return Side(machine: name, user: user, path: path)
    }

    /// The whole `scp` command line; `logins` gives each remote side's machine.
    public static func arguments(
        source: Side, destination: Side, recursive: Bool, config: String?, extraOptions: [String],
        login: (String) throws(MachineError) -> MachineSSHLogin
    ) throws(MachineError) -> [String] {
        var words = ["scp"] + MachineSSHLogin.baseOptions(config: config) + extraOptions + ["-o", "BatchMode=yes"]
        if source.machine != nil && destination.machine != nil { words.append("-3") }
        if recursive { words.append("-r") }
        var locations: [String] = []
        var keyed = false
        for side in [source, destination] {
            guard let name = side.machine else {
                locations.append(side.path)
                continue
            }
            var machine = try login(name)
            if let user = side.user {
                machine = MachineSSHLogin(machine: machine.machine, user: user, host: machine.host, port: machine.port,
                                          keyPath: machine.keyPath, ipAddress: machine.ipAddress)
            }
            if machine.keyPath != nil && !keyed {
                words += ["-o", "IdentitiesOnly=yes"]
                keyed = true
            }
            let (options, location) = machine.scpLocation(path: side.path)
            words += options
            locations.append(location)
        }
        return words + ["--"] + locations
    }
}
