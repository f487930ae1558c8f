internal import COpenSSL

/// A configured client SSL_CTX: trust pool, client identity, protocol floor. Build it once per
/// engine (files are read now, so a bad file is reported before any connection is tried) and share
/// it between that engine's connections.
///
/// `@unchecked Sendable`: the SSL_CTX is never mutated after `init`, and OpenSSL allows `SSL_new`
/// from any thread on a configured context.
public final class TLSClientContext: @unchecked Sendable {
    public let configuration: TLSConfiguration
    let pointer: OpaquePointer

    public init(configuration: TLSConfiguration) throws(TLSError) {
        switch (configuration.certificateFile, configuration.privateKeyFile) {
        case (let certificate?, nil):
            throw TLSError(.incompleteClientIdentity,
                           "client certificate given without a private key \(TLSError.fileLabel(.certificate, certificate))")
        case (nil, let key?):
            throw TLSError(.incompleteClientIdentity,
                           "private key given without a client certificate \(TLSError.fileLabel(.key, key))")
        default:
            break
        }
        let ctx = try SSLContextSetup.makeContext(server: false, maximumVersion: nil)
        do {
            // A docker context with SkipTLSVerify and no ca.pem has no CA file: nothing is verified,
            // so there is nothing to trust. With verification on, an empty path is still an error.
            if configuration.verifyPeer || !configuration.caFile.isEmpty {
                try SSLContextSetup.loadTrust(ctx, caFile: configuration.caFile)
            }
            if let certificate = configuration.certificateFile, let key = configuration.privateKeyFile {
                try SSLContextSetup.loadIdentity(ctx, certificateFile: certificate, privateKeyFile: key)
            }
        } catch {
            SSL_CTX_free(ctx)
            throw error
        }
        SSL_CTX_set_verify(ctx, configuration.verifyPeer ? SSL_VERIFY_PEER : SSL_VERIFY_NONE, nil)
        self.configuration = configuration
        self.pointer = ctx
    }

    deinit {
        SSL_CTX_free(pointer)
    }
}
