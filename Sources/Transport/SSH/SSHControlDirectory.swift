#if canImport(Glibc)
import Glibc
#endif

/// The private directory that holds dmux's control sockets, and the one question asked of a
/// socket in it: is a master listening there?
///
/// Anyone who can connect to a control socket can run commands as its owner on the remote host,
/// so the directory must be ours and closed to everyone else, like OpenSSH's own `~/.ssh`.
enum SSHControlDirectory {
    /// Creates `path` (0700) or checks that the existing one is a directory of ours that no one
    /// else may enter.
    static func prepare(_ path: String) throws(TransportError) {
        if mkdir(path, 0o700) != 0 && errno != EEXIST {
            throw refused(path, "cannot create it: \(String(cString: strerror(errno)))")
        }
        var status = stat()
        guard lstat(path, &status) == 0 else { throw refused(path, String(cString: strerror(errno))) }
        guard status.st_mode & S_IFMT == S_IFDIR else { throw refused(path, "it is not a directory") }
        guard status.st_uid == getuid() else { throw refused(path, "it belongs to uid \(status.st_uid), not to you") }
        guard status.st_mode & 0o077 == 0 else {
            throw refused(path, "others may use it (mode \(String(status.st_mode & 0o777, radix: 8)); it must be 700)")
        }
    }

    /// True when something accepts connections on the unix socket at `path`: a live master. A
    /// stale socket (a master that was killed) refuses, and ssh unlinks it when it starts anew.
    static func isListening(_ path: String) -> Bool {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else { return false }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) == 0
            }
        }
    }

    private static func refused(_ path: String, _ reason: String) -> TransportError {
        TransportError(.cannotConnect(reason: "refusing the ssh control directory \(path): \(reason)"))
    }
}
