import Foundation
import NIOCore
import NIOEmbedded
import Testing
import TestSupport
import TLS

/// Over real loopback sockets against an independent peer: OpenSSL's own `s_server` requiring client
/// certificates, like `dockerd --tlsverify`. The handler runs on an EmbeddedChannel whose bytes are
/// carried by a kernel TCP socket (TLSTests does not depend on NIOPosix).
@Suite struct LoopbackInteropTests {
    let certificates: TestCertificates
    init() throws { certificates = try TestCertificates.shared() }

    @Test(.timeLimit(.minutes(1)), arguments: ["-tls1_3", "-tls1_2"])
    func requestAndAnswerThroughOpenSSLServer(version: String) throws {
        let recorder = try exchange(version: version, configuration: TLSConfiguration(
            caFile: certificates.caFile, certificateFile: certificates.clientCertificate,
            privateKeyFile: certificates.clientKeyPKCS1))
        #expect(recorder.errors.isEmpty, "\(recorder.errors)")
        #expect(recorder.handshakes.first?.protocolVersion == (version == "-tls1_3" ? "TLSv1.3" : "TLSv1.2"))
        #expect(String(decoding: recorder.received, as: UTF8.self).hasSuffix("SLT laer revo xumd\n"))
    }

    @Test(.timeLimit(.minutes(1)), arguments: ["-tls1_3", "-tls1_2"])
    func serverRequiringACertificateWeDoNotHave(version: String) throws {
        let recorder = try exchange(version: version, configuration: TLSConfiguration(caFile: certificates.caFile))
        #expect(recorder.tlsErrors.map(\.description) == [
            "TLS: no client certificate was sent; the engine requires one (--tlsverify): provide cert.pem and key.pem",
        ])
        #expect(recorder.received.isEmpty)
    }

    /// Connects a client handler to a fresh s_server, sends one line, and pumps bytes between the
    /// channel and the socket until the reversed line arrives, an error is raised, or time runs out.
    private func exchange(version: String, configuration: TLSConfiguration) throws -> Recorder {
        let server = try OpenSSLServer(certificates: certificates, version: version)
        defer { server.stop() }
        let socket = try server.connect()
        defer { close(socket) }

        let channel = EmbeddedChannel()
        let recorder = Recorder()
        try channel.pipeline.syncOperations.addHandler(
            TLSClientHandler(context: TLSClientContext(configuration: configuration), serverHostname: "localhost"))
        try channel.pipeline.syncOperations.addHandler(recorder)
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: Int(server.port))).wait()
        // s_server -rev answers each line reversed.
        channel.writeAndFlush(channel.allocator.buffer(string: "dmux over real TLS\n"), promise: nil)

        let expected = Array("SLT laer revo xumd\n".utf8)
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline, !recorder.received.reversed().starts(with: expected.reversed()),
              recorder.errors.isEmpty, channel.isActive {
            while let bytes = try channel.readOutbound(as: ByteBuffer.self) {
                try sendAll(socket, bytes)
            }
            if let bytes = try receive(socket, timeoutMilliseconds: 100) {
                try channel.writeInbound(channel.allocator.buffer(bytes: bytes))
            }
        }
        return recorder
    }
}

/// `openssl s_server` on a loopback port, requiring a client certificate from the test CA.
final class OpenSSLServer {
    let port: UInt16
    private let process: ChildProcess

    init(certificates: TestCertificates, version: String) throws {
        port = try freePort()
        process = try ChildProcess(
            ["/usr/bin/openssl", "s_server", "-accept", "127.0.0.1:\(port)", "-cert", certificates.serverCertificate,
             "-key", certificates.serverKey, "-CAfile", certificates.caFile, "-Verify", "1",
             "-verify_return_error", version, "-rev", "-quiet"],
            environment: ["PATH": "/usr/bin:/bin"], log: "/dev/null")
    }

    /// Connects, retrying while the server starts.
    func connect() throws -> Int32 {
        let deadline = Date().addingTimeInterval(10)
        while true {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = loopback(port)
            let rc = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    Foundation.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
            if rc == 0 { return fd }
            close(fd)
            guard Date() < deadline, process.isRunning else { throw SocketError(what: "connect", code: errno) }
            usleep(50_000)
        }
    }

    func stop() {
        process.signalGroup(SIGKILL)
        process.wait(until: Date().addingTimeInterval(10))
    }
}

struct SocketError: Error, CustomStringConvertible {
    var what: String
    var code: Int32
    var description: String { "\(what): \(String(cString: strerror(code)))" }
}

private func loopback(_ port: UInt16) -> sockaddr_in {
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = port.bigEndian
    address.sin_addr.s_addr = UInt32(0x7f00_0001).bigEndian
    return address
}

/// A port the kernel just handed out (bound and released).
private func freePort() throws -> UInt16 {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var address = loopback(0)
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0
        }
    }
    guard bound else { throw SocketError(what: "bind", code: errno) }
    return UInt16(bigEndian: address.sin_port)
}

private func sendAll(_ fd: Int32, _ buffer: ByteBuffer) throws {
    try buffer.withUnsafeReadableBytes { raw in
        var offset = 0
        while offset < raw.count {
            let sent = send(fd, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
            guard sent > 0 else { throw SocketError(what: "send", code: errno) }
            offset += sent
        }
    }
}

private func receive(_ fd: Int32, timeoutMilliseconds: Int32) throws -> [UInt8]? {
    var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
    guard poll(&descriptor, 1, timeoutMilliseconds) > 0 else { return nil }
    var bytes = [UInt8](repeating: 0, count: 64 * 1024)
    let count = recv(fd, &bytes, bytes.count, 0)
    guard count >= 0 else { throw SocketError(what: "recv", code: errno) }
    return count == 0 ? nil : Array(bytes[0..<count])
}
