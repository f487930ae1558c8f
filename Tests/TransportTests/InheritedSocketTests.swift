import Glibc
import Testing

@testable import Transport

/// NIO traps on a bad descriptor, so each kind of bad one must be caught before it gets there.
@Suite struct InheritedSocketTests {
    private func reason(_ fd: Int32) -> String? {
        do {
            try InheritedSocket.validate(fd)
            return nil
        } catch {
            return error.description
        }
    }

    @Test func closedDescriptor() {
        let fd = dup(0)
        close(fd)
        #expect(reason(fd) == "cannot use fd://\(fd): descriptor is not open")
    }

    @Test func pipeIsNotASocket() {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        defer { close(fds[0]); close(fds[1]) }
        #expect(reason(fds[0]) == "cannot use fd://\(fds[0]): descriptor is not a socket")
    }

    @Test func datagramSocketIsNotAStream() {
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        defer { close(fd) }
        #expect(reason(fd) == "cannot use fd://\(fd): descriptor is not a stream socket")
    }

    @Test func unconnectedSocket() {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        #expect(reason(fd) == "cannot use fd://\(fd): socket is not connected")
    }

    @Test func connectedStreamSocketPasses() {
        var fds: [Int32] = [0, 0]
        #expect(socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &fds) == 0)
        defer { close(fds[0]); close(fds[1]) }
        #expect(reason(fds[0]) == nil)
    }
}
