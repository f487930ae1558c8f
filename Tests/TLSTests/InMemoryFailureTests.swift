import NIOCore
import NIOEmbedded
import Testing
import TLS

/// Failures in memory: each asserts the exact line a user would read.
@Suite struct InMemoryFailureTests {
    let certificates: TestCertificates
    init() throws { certificates = try TestCertificates.shared() }

    func clientContext(ca: String? = nil, certificate: String?? = .none, key: String?? = .none) throws -> TLSClientContext {
        try TLSClientContext(configuration: TLSConfiguration(
            caFile: ca ?? certificates.caFile,
            certificateFile: certificate ?? certificates.clientCertificate,
            privateKeyFile: key ?? certificates.clientKeyPKCS8, verifyPeer: true))
    }

    func serverContext(requireClientCertificate: Bool = true,
                       maximumVersion: TLSProtocolVersion? = nil) throws -> TLSServerContext {
        try TLSServerContext(certificateFile: certificates.serverCertificate, privateKeyFile: certificates.serverKey,
                             clientCAFile: requireClientCertificate ? certificates.caFile : nil,
                             maximumVersion: maximumVersion)
    }

    /// Handshake, then one request (the TLS 1.3 rejection only shows on the first read), then the client's errors.
    func clientErrors(_ pair: InMemoryPair) throws -> [String] {
        try pair.pump()
        if pair.client.isActive {
            try pair.clientSend(Array("GET /_ping HTTP/1.1\r\n\r\n".utf8))
            try pair.pump()
        }
        return pair.clientRecorder.tlsErrors.map(\.description)
    }

    @Test func wrongCA() throws {
        let pair = try InMemoryPair(client: clientContext(ca: certificates.otherCAFile), server: serverContext())
        #expect(try clientErrors(pair) == [
            "TLS: certificate verify failed: certificate signed by unknown authority (ca.pem: \(certificates.otherCAFile))",
        ])
        #expect(pair.clientRecorder.handshakes.isEmpty)
        #expect(!pair.client.isActive, "a failed handshake closes the channel")
        #expect(pair.serverRecorder.received.isEmpty)
    }

    @Test func ipAddressMismatchNamesTheSANs() throws {
        let pair = try InMemoryPair(client: clientContext(), serverHostname: "127.0.0.2", server: serverContext())
        #expect(try clientErrors(pair) == [
            "TLS: certificate verify failed: IP address mismatch "
                + "(server certificate is valid for 127.0.0.1, localhost; not 127.0.0.2)",
        ])
    }

    @Test func hostNameMismatchNamesTheSANs() throws {
        let pair = try InMemoryPair(client: clientContext(), serverHostname: "other.example", server: serverContext())
        #expect(try clientErrors(pair) == [
            "TLS: certificate verify failed: host name mismatch "
                + "(server certificate is valid for 127.0.0.1, localhost; not other.example)",
        ])
    }

    @Test(arguments: [TLSProtocolVersion.tls13, .tls12])
    func noClientCertificateWhenTheEngineRequiresOne(version: TLSProtocolVersion) throws {
        let pair = try InMemoryPair(client: clientContext(certificate: .some(nil), key: .some(nil)),
                                    server: serverContext(maximumVersion: version))
        try pair.pump()
        // The TLS 1.3 trap: the client's handshake looks successful; the rejection comes on the first read.
        #expect(pair.clientRecorder.handshakes.count == (version == .tls13 ? 1 : 0))
        #expect(try clientErrors(pair) == [
            "TLS: no client certificate was sent; the engine requires one (--tlsverify): provide cert.pem and key.pem",
        ])
        #expect(pair.serverRecorder.tlsErrors.map(\.kind) == [.clientCertificateRequired])
        #expect(pair.serverRecorder.received.isEmpty)
    }

    @Test(arguments: [TLSProtocolVersion.tls13, .tls12])
    func clientCertificateFromAnotherCAIsRejected(version: TLSProtocolVersion) throws {
        let pair = try InMemoryPair(client: clientContext(certificate: certificates.strangerCertificate,
                                                          key: certificates.strangerKey),
                                    server: serverContext(maximumVersion: version))
        #expect(try clientErrors(pair) == [
            "TLS: the engine rejected the client certificate (cert.pem: \(certificates.strangerCertificate))",
        ])
        #expect(pair.serverRecorder.tlsErrors.map(\.description) == [
            "TLS: client certificate verify failed: unable to get local issuer certificate",
        ])
    }

    @Test func plainHTTPAnswerIsRefused() throws {
        let pair = try InMemoryPair(client: clientContext(), server: serverContext())
        #expect(try pair.client.readOutbound(as: ByteBuffer.self) != nil, "the ClientHello went out")
        let answer = "HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\n"
            + "400 Bad Request: Client sent an HTTP request to an HTTPS server.\n"
        try pair.client.writeInbound(pair.client.allocator.buffer(string: answer))
        #expect(pair.clientRecorder.tlsErrors.map(\.description) == [
            "TLS: the engine answered in plain HTTP; is it listening without TLS? (refusing to fall back to plaintext)",
        ])
        #expect(pair.clientRecorder.received.isEmpty, "no plaintext ever reaches the application")
    }

    @Test func connectionClosedDuringHandshake() throws {
        let pair = try InMemoryPair(client: clientContext(), server: serverContext())
        pair.client.pipeline.fireChannelInactive()
        #expect(pair.clientRecorder.tlsErrors.map(\.description) == ["TLS: connection closed during TLS handshake"])
    }

    @Test func writesPendingAtAFailedHandshakeFailWithTheError() throws {
        let pair = try InMemoryPair(client: clientContext(ca: certificates.otherCAFile), server: serverContext())
        let promise = pair.client.eventLoop.makePromise(of: Void.self)
        pair.client.writeAndFlush(pair.client.allocator.buffer(string: "request"), promise: promise)
        try pair.pump()
        let failure = FailureBox()
        promise.futureResult.whenFailure { failure.error = $0 }
        #expect((failure.error as? TLSError)?.kind == .certificateVerifyFailed)
    }
}

/// Written from a callback that runs synchronously on the embedded event loop.
final class FailureBox: @unchecked Sendable {
    var error: (any Error)?
}
