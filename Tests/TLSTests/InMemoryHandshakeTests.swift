import NIOCore
import NIOEmbedded
import Testing
import TLS

/// Client and server handlers back to back in memory: the happy paths.
@Suite struct InMemoryHandshakeTests {
    let certificates: TestCertificates
    init() throws { certificates = try TestCertificates.shared() }

    func clientContext(key: String? = nil, verifyPeer: Bool = true) throws -> TLSClientContext {
        try TLSClientContext(configuration: TLSConfiguration(
            caFile: certificates.caFile, certificateFile: certificates.clientCertificate,
            privateKeyFile: key ?? certificates.clientKeyPKCS8, verifyPeer: verifyPeer))
    }

    func serverContext(maximumVersion: TLSProtocolVersion? = nil) throws -> TLSServerContext {
        try TLSServerContext(certificateFile: certificates.serverCertificate, privateKeyFile: certificates.serverKey,
                             clientCAFile: certificates.caFile, maximumVersion: maximumVersion)
    }

    @Test func handshakeThenDataBothWaysThenCloseNotify() throws {
        let pair = try InMemoryPair(client: clientContext(), server: serverContext())
        try pair.pump()
        #expect(pair.clientRecorder.handshakes == [TLSHandshakeCompleted(protocolVersion: "TLSv1.3",
                                                                         cipher: "TLS_AES_256_GCM_SHA384")])
        #expect(pair.serverRecorder.handshakes.count == 1)

        try pair.clientSend(Array("GET /_ping HTTP/1.1\r\nHost: docker\r\n\r\n".utf8))
        try pair.pump()
        #expect(String(decoding: pair.serverRecorder.received, as: UTF8.self) == "GET /_ping HTTP/1.1\r\nHost: docker\r\n\r\n")
        try pair.serverSend(Array("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nOK".utf8))
        try pair.pump()
        #expect(String(decoding: pair.clientRecorder.received, as: UTF8.self) == "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nOK")

        pair.client.close(promise: nil)
        try pair.pump()
        #expect(!pair.server.isActive, "the server closes after the client's close_notify")
        #expect(pair.serverRecorder.inactive)
        #expect(pair.serverRecorder.errors.isEmpty)
        #expect(pair.clientRecorder.errors.isEmpty)
    }

    @Test func twoMegabytesBothWaysArriveIntactInOneNetworkWrite() throws {
        let pair = try InMemoryPair(client: clientContext(), server: serverContext())
        try pair.pump()
        let upload = randomBytes(2 * 1024 * 1024)
        let download = randomBytes(2 * 1024 * 1024 + 17)
        pair.clientWrites.removeAll()
        try pair.clientSend(upload)
        try pair.pump()
        #expect(pair.clientWrites.count == 1, "one flush, one coalesced network write")
        #expect(pair.serverRecorder.received == upload)
        #expect(pair.serverRecorder.readCount < 20, "plaintext is delivered in large chunks")
        try pair.serverSend(download)
        try pair.pump()
        #expect(pair.clientRecorder.received == download)
    }

    @Test func writesBeforeTheHandshakeAreSentAfterIt() throws {
        let pair = try InMemoryPair(client: clientContext(), server: serverContext())
        try pair.clientSend(Array("early".utf8))
        try pair.clientSend(Array(" bird".utf8))
        #expect(pair.serverRecorder.received.isEmpty)
        try pair.pump()
        #expect(String(decoding: pair.serverRecorder.received, as: UTF8.self) == "early bird")
    }

    @Test func tls12AndPKCS1KeyWork() throws {
        let pair = try InMemoryPair(client: clientContext(key: certificates.clientKeyPKCS1),
                                    server: serverContext(maximumVersion: .tls12))
        try pair.pump()
        #expect(pair.clientRecorder.handshakes.first?.protocolVersion == "TLSv1.2")
        #expect(pair.clientRecorder.handshakes.first?.cipher == "ECDHE-RSA-AES256-GCM-SHA384")
        try pair.clientSend(Array("ping".utf8))
        try pair.pump()
        #expect(pair.serverRecorder.received == Array("ping".utf8))
        #expect(pair.serverRecorder.errors.isEmpty)
    }

    @Test func localhostNameMatchesTheDNSSAN() throws {
        let pair = try InMemoryPair(client: clientContext(), serverHostname: "localhost", server: serverContext())
        try pair.pump()
        #expect(pair.clientRecorder.handshakes.count == 1)
        #expect(pair.clientRecorder.errors.isEmpty)
    }

    @Test func withoutVerificationAnyNameAndUnknownCAPassButTheCertificateIsStillSent() throws {
        let client = try TLSClientContext(configuration: TLSConfiguration(
            caFile: certificates.otherCAFile, certificateFile: certificates.clientCertificate,
            privateKeyFile: certificates.clientKeyPKCS8, verifyPeer: false))
        let pair = try InMemoryPair(client: client, serverHostname: "127.0.0.2", server: serverContext())
        try pair.pump()
        try pair.clientSend(Array("hi".utf8))
        try pair.pump()
        #expect(pair.clientRecorder.handshakes.count == 1)
        #expect(pair.clientRecorder.errors.isEmpty)
        // The server requires a client certificate, so accepting data proves it was sent.
        #expect(pair.serverRecorder.received == Array("hi".utf8))
    }
}
