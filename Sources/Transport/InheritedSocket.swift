#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#else
import Darwin
#endif

/// Checks an inherited descriptor before NIO sees it: NIO traps on a descriptor that is not a
/// connected stream socket, and a user's typo must cost one error line, not the whole shell.
enum InheritedSocket {
    /// Throws unless `fd` is an open, connected `SOCK_STREAM` socket.
    static func validate(_ fd: Int32) throws(TransportError) {
        let address = "fd://\(fd)"
        guard fd >= 0 else { throw TransportError(.badDescriptor(reason: "not a descriptor number"), address: address) }
        var status = stat()
        guard fstat(fd, &status) == 0 else {
            throw TransportError(.badDescriptor(reason: "descriptor is not open"), address: address)
        }
        guard status.st_mode & S_IFMT == S_IFSOCK else {
            throw TransportError(.badDescriptor(reason: "descriptor is not a socket"), address: address)
        }
        var type: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        guard getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &length) == 0, type == Int32(SOCK_STREAM.rawValue) else {
            throw TransportError(.badDescriptor(reason: "descriptor is not a stream socket"), address: address)
        }
        var peer = sockaddr_storage()
        var peerLength = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let connected = withUnsafeMutablePointer(to: &peer) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getpeername(fd, $0, &peerLength) == 0 }
        }
        guard connected else {
            throw TransportError(.badDescriptor(reason: "socket is not connected"), address: address)
        }
    }
}
