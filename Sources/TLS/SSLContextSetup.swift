internal import COpenSSL
import Core

/// The steps shared by client and server contexts: protocol floor, trust pool, certificate and key.
/// Each step reads its file itself (see `PEMFile`) so that every error names the file it is about.
enum SSLContextSetup {
    /// Docker's client suites for TLS 1.2 (go-connections `defaultConfig`): ECDHE with AEAD only.
    /// TLS 1.3 suites are OpenSSL's defaults.
    static let tls12CipherList = "ECDHE+AESGCM:ECDHE+CHACHA20"

    /// A new SSL_CTX for the given side, TLS 1.2 minimum. The caller owns (and frees) the pointer.
    static func makeContext(server: Bool, maximumVersion: TLSProtocolVersion?) throws(TLSError) -> OpaquePointer {
        // No atexit cleanup: the process may exit while a handshake runs on an event-loop thread,
        // and freeing OpenSSL's tables under it crashed short commands (`dmux -c set`) at exit.
        _ = OPENSSL_init_ssl(UInt64(OPENSSL_INIT_NO_ATEXIT), nil)
        guard let ctx = SSL_CTX_new(server ? TLS_server_method() : TLS_client_method()) else {
            throw TLSError.internalError("cannot create an OpenSSL context")
        }
        do {
            try configure(ctx, maximumVersion: maximumVersion)
        } catch {
            SSL_CTX_free(ctx)
            throw error
        }
        return ctx
    }

    private static func configure(_ ctx: OpaquePointer, maximumVersion: TLSProtocolVersion?) throws(TLSError) {
        OpenSSLErrorQueue.clear()
        guard COpenSSL_SSL_CTX_set_min_proto_version(ctx, COpenSSL_TLS1_2_VERSION()) == 1 else {
            throw TLSError.internalError("cannot require TLS 1.2")
        }
        if let maximumVersion {
            let version = maximumVersion == .tls12 ? COpenSSL_TLS1_2_VERSION() : COpenSSL_TLS1_3_VERSION()
            guard COpenSSL_SSL_CTX_set_max_proto_version(ctx, version) == 1 else {
                throw TLSError.internalError("cannot cap the TLS version")
            }
        }
        guard SSL_CTX_set_cipher_list(ctx, tls12CipherList) == 1 else {
            throw TLSError.internalError("cannot set the TLS 1.2 cipher suites")
        }
        let options = UInt64(COpenSSL_SSL_OP_NO_COMPRESSION()) | UInt64(COpenSSL_SSL_OP_NO_RENEGOTIATION())
        _ = SSL_CTX_set_options(ctx, options)
        _ = COpenSSL_SSL_CTX_set_mode(ctx, COpenSSL_SSL_MODE_AUTO_RETRY() | COpenSSL_SSL_MODE_RELEASE_BUFFERS())
    }

    /// Puts every certificate of `path` in the context's store, which starts empty: the pool is
    /// exclusive (system roots are never loaded). Returns the number of certificates added.
    @discardableResult
    static func loadTrust(_ ctx: OpaquePointer, caFile path: String) throws(TLSError) -> Int {
        let file = try PEMFile(role: .ca, path: path)
        let certificates = try readCertificates(file)
        defer { certificates.forEach { X509_free($0) } }
        guard let store = SSL_CTX_get_cert_store(ctx) else { throw TLSError.internalError("no certificate store") }
        for certificate in certificates {
            OpenSSLErrorQueue.clear()
            guard X509_STORE_add_cert(store, certificate) == 1 else {
                throw TLSError.internalError("cannot add a CA certificate \(TLSError.fileLabel(.ca, path))")
            }
        }
        return certificates.count
    }

    /// Loads the certificate chain (leaf first) and its private key, and checks that they belong together.
    static func loadIdentity(_ ctx: OpaquePointer, certificateFile: String, privateKeyFile: String) throws(TLSError) {
        let file = try PEMFile(role: .certificate, path: certificateFile)
        let certificates = try readCertificates(file)
        OpenSSLErrorQueue.clear()
        guard SSL_CTX_use_certificate(ctx, certificates[0]) == 1 else {
            certificates.forEach { X509_free($0) }
            throw TLSError(.invalidCertificate, "unusable certificate \(TLSError.fileLabel(.certificate, certificateFile)): "
                + (OpenSSLErrorQueue.drainSummary() ?? "rejected by OpenSSL"))
        }
        X509_free(certificates[0])
        for intermediate in certificates.dropFirst() {
            // add0 takes ownership on success.
            if COpenSSL_SSL_CTX_add0_chain_cert(ctx, intermediate) != 1 { X509_free(intermediate) }
        }

        let key = try readPrivateKey(path: privateKeyFile)
        defer { EVP_PKEY_free(key) }
        OpenSSLErrorQueue.clear()
        let used = SSL_CTX_use_PrivateKey(ctx, key) == 1
        guard used, SSL_CTX_check_private_key(ctx) == 1 else {
            let reasons = OpenSSLErrorQueue.drain()
            if !used, !reasons.contains(where: { $0.reasonText.contains("mismatch") }) {
                throw TLSError(.invalidPrivateKey, "unusable private key \(TLSError.fileLabel(.key, privateKeyFile)): "
                    + (OpenSSLErrorQueue.summary(reasons) ?? "rejected by OpenSSL"))
            }
            throw TLSError(.keyMismatch, "private key does not match certificate "
                + "(cert.pem: \(certificateFile); key.pem: \(privateKeyFile))")
        }
    }

    /// Parses every PEM certificate of a file; at least one is required.
    private static func readCertificates(_ file: PEMFile) throws(TLSError) -> [OpaquePointer] {
        var certificates: [OpaquePointer] = []
        OpenSSLErrorQueue.clear()
        file.bytes.withUnsafeBytes { raw in
            guard let bio = BIO_new_mem_buf(raw.baseAddress, Int32(raw.count)) else { return }
            defer { BIO_free(bio) }
            while let certificate = PEM_read_bio_X509(bio, nil, nil, nil) {
                certificates.append(certificate)
            }
        }
        OpenSSLErrorQueue.clear()  // the loop always ends on "no start line"
        guard !certificates.isEmpty else {
            throw TLSError(.invalidCertificate,
                           "no PEM certificate found in \(file.role.noun) \(TLSError.fileLabel(file.role, file.path))")
        }
        return certificates
    }

    /// Parses a PKCS#1, PKCS#8 or SEC1 PEM key. Encrypted keys are refused before OpenSSL sees them,
    /// and the pass-phrase callback fails, so nothing ever prompts on the terminal.
    private static func readPrivateKey(path: String) throws(TLSError) -> OpaquePointer {
        var file = try PEMFile(role: .key, path: path)
        defer { file.wipe() }
        if file.looksEncrypted { throw encryptedKey(path) }
        OpenSSLErrorQueue.clear()
        let key: OpaquePointer? = file.bytes.withUnsafeBytes { raw in
            guard let bio = BIO_new_mem_buf(raw.baseAddress, Int32(raw.count)) else { return nil }
            defer { BIO_free(bio) }
            return PEM_read_bio_PrivateKey(bio, nil, { _, _, _, _ in -1 }, nil)
        }
        guard let key else {
            let reasons = OpenSSLErrorQueue.drain().map(\.reasonText)
            if reasons.contains(where: { $0.contains("password") || $0.contains("bad decrypt") }) {
                throw encryptedKey(path)
            }
            throw TLSError(.invalidPrivateKey, "no PEM private key found in private key \(TLSError.fileLabel(.key, path))")
        }
        return key
    }

    private static func encryptedKey(_ path: String) -> TLSError {
        TLSError(.encryptedPrivateKey,
                 "private key is encrypted \(TLSError.fileLabel(.key, path)); dmux cannot use encrypted keys")
    }
}
