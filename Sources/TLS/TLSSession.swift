internal import COpenSSL
import Core
import NIOCore

/// One SSL connection over two memory BIOs: network bytes go into `rbio`, OpenSSL's output collects in
/// `wbio` and the handler drains it to the network after every call. Owns the `SSL*` (and, through
/// it, both BIOs). Not thread-safe: used only on its channel's event loop.
final class TLSSession {
    enum HandshakeResult {
        case completed
        case wantsMoreInput
        case failed(TLSFailure)
    }

    enum ReadResult {
        case bytes
        case wantsMoreInput
        case closeNotify
        case failed(TLSFailure)
    }

    private let ssl: OpaquePointer
    private let rbio: OpaquePointer
    private let wbio: OpaquePointer
    let isServer: Bool

    init(context: OpaquePointer, isServer: Bool, serverName: ServerName?) throws(TLSError) {
        OpenSSLErrorQueue.clear()
        guard let ssl = SSL_new(context) else { throw TLSError.internalError("cannot create an SSL connection") }
        guard let rbio = BIO_new(BIO_s_mem()), let wbio = BIO_new(BIO_s_mem()) else {
            SSL_free(ssl)
            throw TLSError.internalError("cannot create memory BIOs")
        }
        // An empty rbio means "no bytes yet" (retry), never end of file.
        _ = COpenSSL_BIO_set_mem_eof_return(rbio, -1)
        SSL_set_bio(ssl, rbio, wbio)
        self.ssl = ssl
        self.rbio = rbio
        self.wbio = wbio
        self.isServer = isServer
        if isServer {
            SSL_set_accept_state(ssl)
        } else {
            SSL_set_connect_state(ssl)
        }
        if let serverName { try expect(serverName) }
    }

    deinit {
        SSL_free(ssl)
    }

    private func expect(_ serverName: ServerName) throws(TLSError) {
        let parameters = SSL_get0_param(ssl)
        let flags = UInt32(X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS | X509_CHECK_FLAG_NEVER_CHECK_SUBJECT)
        X509_VERIFY_PARAM_set_hostflags(parameters, flags)
        let accepted: Bool
        switch serverName {
        case .ipAddress(let address):
            accepted = X509_VERIFY_PARAM_set1_ip_asc(parameters, address) == 1
        case .hostName(let name):
            accepted = COpenSSL_SSL_set_tlsext_host_name(ssl, name) == 1
                && X509_VERIFY_PARAM_set1_host(parameters, name, 0) == 1
        }
        guard accepted else {
            OpenSSLErrorQueue.clear()
            throw TLSError(.invalidServerName, "invalid server name \"\(serverName.text)\" for certificate verification")
        }
    }

    /// Hands bytes from the network to OpenSSL. Memory BIOs grow, so the write never falls short.
    func receive(_ buffer: ByteBuffer) {
        buffer.withUnsafeReadableBytes { raw in
            guard raw.count > 0 else { return }
            _ = BIO_write(rbio, raw.baseAddress, Int32(raw.count))
        }
    }

    func handshake() -> HandshakeResult {
        OpenSSLErrorQueue.clear()
        let rc = SSL_do_handshake(ssl)
        if rc == 1 { return .completed }
        let code = SSL_get_error(ssl, rc)
        if code == SSL_ERROR_WANT_READ || code == SSL_ERROR_WANT_WRITE { return .wantsMoreInput }
        return .failed(failure(code: code, duringHandshake: true))
    }

    /// Decrypts as much as one call gives into `buffer`, growing it by at least 16 KiB.
    func read(into buffer: inout ByteBuffer) -> ReadResult {
        OpenSSLErrorQueue.clear()
        var rc: Int32 = 0
        buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: 16 * 1024) { raw in
            var count = 0
            rc = SSL_read_ex(ssl, raw.baseAddress, raw.count, &count)
            return rc == 1 ? count : 0
        }
        if rc == 1 { return .bytes }
        let code = SSL_get_error(ssl, rc)
        switch code {
        case SSL_ERROR_WANT_READ, SSL_ERROR_WANT_WRITE: return .wantsMoreInput
        case SSL_ERROR_ZERO_RETURN: return .closeNotify
        default: return .failed(failure(code: code, duringHandshake: false))
        }
    }

    /// Encrypts all of `buffer` into records in `wbio`.
    func write(_ buffer: ByteBuffer) -> TLSFailure? {
        var failed: TLSFailure?
        buffer.withUnsafeReadableBytes { raw in
            guard raw.count > 0 else { return }
            OpenSSLErrorQueue.clear()
            var written = 0
            let rc = SSL_write_ex(ssl, raw.baseAddress, raw.count, &written)
            if rc != 1 { failed = failure(code: SSL_get_error(ssl, rc), duringHandshake: false) }
        }
        return failed
    }

    /// Queues our close_notify; we do not wait for the peer's.
    func shutdown() {
        OpenSSLErrorQueue.clear()
        _ = SSL_shutdown(ssl)
        OpenSSLErrorQueue.clear()
    }

    /// Everything OpenSSL wants to send, as one buffer (nil when there is nothing).
    func takeOutput(allocator: ByteBufferAllocator) -> ByteBuffer? {
        let pending = COpenSSL_BIO_pending(wbio)
        guard pending > 0 else { return nil }
        var buffer = allocator.buffer(capacity: pending)
        buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: pending) { raw in
            let count = BIO_read(wbio, raw.baseAddress, Int32(pending))
            return max(0, Int(count))
        }
        return buffer
    }

    var negotiated: TLSHandshakeCompleted {
        let version = SSL_get_version(ssl).map { String(cString: $0) } ?? "unknown"
        let cipher = SSL_get_current_cipher(ssl).flatMap { SSL_CIPHER_get_name($0) }.map { String(cString: $0) }
        return TLSHandshakeCompleted(protocolVersion: version, cipher: cipher ?? "unknown")
    }

    /// Collects what OpenSSL knows about a failed call: the error queue, the verification result and,
    /// for a name mismatch, the peer certificate's SANs.
    private func failure(code: Int32, duringHandshake: Bool) -> TLSFailure {
        let entries = OpenSSLErrorQueue.drain()
        let verifyResult = Int32(SSL_get_verify_result(ssl))
        let verifyText = X509_verify_cert_error_string(Int(verifyResult)).map { String(cString: $0) } ?? ""
        var peerNames: [String] = []
        if verifyResult == X509_V_ERR_HOSTNAME_MISMATCH || verifyResult == X509_V_ERR_IP_ADDRESS_MISMATCH {
            peerNames = peerCertificateNames()
        }
        var peerValidity = ""
        if verifyResult == X509_V_ERR_CERT_HAS_EXPIRED || verifyResult == X509_V_ERR_CERT_NOT_YET_VALID {
            peerValidity = withPeerLeaf { CertificateNames.validityPeriod(of: $0) ?? "" } ?? ""
        }
        var clientCertificateRequested = false
        if !isServer, let names = SSL_get_client_CA_list(ssl) {
            clientCertificateRequested = OPENSSL_sk_num(names) > 0
        }
        return TLSFailure(sslError: code, entries: entries, duringHandshake: duringHandshake,
                          verifyResult: verifyResult, verifyText: verifyText, peerNames: peerNames,
                          clientCertificateRequested: clientCertificateRequested, peerValidity: peerValidity)
    }

    /// The leaf's SANs. After a failed verification OpenSSL has not set the peer certificate yet,
    /// but the received chain (leaf first on a client) is there.
    private func peerCertificateNames() -> [String] {
        withPeerLeaf { CertificateNames.subjectAlternativeNames(of: $0) } ?? []
    }

    private func withPeerLeaf<Result>(_ body: (OpaquePointer) -> Result) -> Result? {
        if let chain = SSL_get_peer_cert_chain(ssl), OPENSSL_sk_num(chain) > 0,
           let leaf = OPENSSL_sk_value(chain, 0) {
            return body(OpaquePointer(leaf))
        }
        guard let leaf = SSL_get1_peer_certificate(ssl) else { return nil }
        defer { X509_free(leaf) }
        return body(leaf)
    }
}
