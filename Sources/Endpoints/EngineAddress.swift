import Core

/// Where one Docker engine listens, already normalised (docker CLI defaults applied).
public enum EngineAddress: Sendable, Hashable, CustomStringConvertible {
    /// A unix domain socket path.
    case unix(path: String)
    /// An inherited, already connected stream socket (dmux's own extension; no Docker client has it).
    case fd(Int32)
    /// TCP; `host` has no IPv6 brackets, `basePath` is "" or "/prefix" (prefixed to every API path).
    case tcp(host: String, port: Int, basePath: String)
    /// An engine behind an SSH login, reached through the remote `docker system dial-stdio`.
    case ssh(SSHDestination)

    /// The docker CLI's default engine socket.
    public static let defaultUnixSocketPath = "/var/run/docker.sock"

    /// Canonical URL: `unix:///p`, `fd://3`, `tcp://h:p`, `tcp://[::1]:p/prefix`, `ssh://u@h:p/p`.
    public var description: String {
        switch self {
        case .unix(let path): return "unix://" + path
        case .fd(let fd): return "fd://\(fd)"
        case .tcp(let host, let port, let basePath):
            return "tcp://" + GoNet.joinHostPort(host, String(port)) + basePath
        case .ssh(let destination):
            return destination.description
        }
    }

    /// True for addresses where the docker CLI ignores TLS settings (`isSocket`: unix, npipe, fd;
    /// and ssh, whose connection helper never uses them).
    public var isSocket: Bool {
        if case .tcp = self { return false }
        return true
    }
}
