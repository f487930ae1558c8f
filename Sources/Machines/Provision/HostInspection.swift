/// What provisioning learns about a host before it changes anything, from the `key=value` lines
/// of `ProvisionScript.inspect`; and what it refuses, in words that say what is missing.
public struct HostInspection: Sendable, Hashable {
    /// `PRETTY_NAME` of `/etc/os-release`.
    public var system = "unknown"
    /// PID 1's name (`systemd`, or what runs instead).
    public var initProcess = ""
    /// `/run/systemd/system` exists: systemd is the running init (sd_booted's test).
    public var systemd = false
    /// `dockerd` found on root's PATH; "" when Docker is not installed.
    public var dockerd = ""
    /// `dockerd --version`'s number, e.g. `20.10.24+dfsg1`.
    public var dockerVersion = ""
    /// The storage driver of the engine running now (`docker info`), "" when none answers.
    public var runningStorageDriver = ""
    /// `overlay` is in /proc/filesystems.
    public var overlayFilesystem = false
    /// `apt-get`, `dnf`, `yum`, `zypper` or "".
    public var packageManager = ""

    public init() {}

    public init(output: String) {
        for line in output.split(separator: "\n") {
            guard let equals = line.firstIndex(of: "=") else { continue }
            let value = String(line[line.index(after: equals)...])
            switch line[..<equals] {
            case "os": system = value.isEmpty ? "unknown" : value
            case "pid1": initProcess = value
            case "systemd": systemd = value == "yes"
            case "dockerd": dockerd = value
            case "docker_version": dockerVersion = value
            case "driver": runningStorageDriver = value
            case "overlay": overlayFilesystem = value == "yes"
            case "package_manager": packageManager = value
            default: break
            }
        }
    }

    /// Why this host cannot be provisioned (nil: it can). `install`: Docker may be installed.
    public func refusal(install: Bool) -> String? {
        guard systemd else {
            return "\(system) does not run systemd (PID 1 is \(initProcess.isEmpty ? "unknown" : initProcess)); provisioning writes a systemd drop-in for docker.service and needs a systemd host"
        }
        if dockerd.isEmpty {
            if !install { return "Docker is not installed on \(system) (no dockerd); add --install to install the distribution's package" }
            if packageManager != "apt-get" {
                return "Docker is not installed on \(system) and \(packageManager.isEmpty ? "no package manager was found" : "\(packageManager) is not supported") to install it (dmux installs Debian's docker.io with apt-get)"
            }
        } else if let major = dockerVersion.split(separator: ".").first.flatMap({ Int($0) }),
                  let minor = dockerVersion.split(separator: ".").dropFirst().first.flatMap({ Int($0.prefix(while: \.isNumber)) }),
                  major == 1 && minor < 12 {
            return "Docker \(dockerVersion) on \(system) is older than 1.12 (no dockerd); upgrade it"
        }
        return nil
    }

    /// The storage driver for the drop-in: the one asked for, else the one the engine already
    /// uses (its images live there, and it is known to work on this host), else overlay2 where the
    /// kernel has overlay (docker-machine's default), else vfs, which works everywhere.
    public func storageDriver(requested: String) -> String {
        if !requested.isEmpty { return requested }
        if !runningStorageDriver.isEmpty { return runningStorageDriver }
        return overlayFilesystem ? "overlay2" : "vfs"
    }
}
