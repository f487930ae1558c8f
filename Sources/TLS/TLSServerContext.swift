internal import COpenSSL
import Core

/// A configured server SSL_CTX, for tests and the fake engine: certificate and key, and, when a
/// client-CA file is given, client certificates required and verified against it (`--tlsverify`).
///
/// `@unchecked Sendable`: the SSL_CTX is never mutated after `init`.
public final class TLSServerContext: @unchecked Sendable {
    let pointer: OpaquePointer

    /// - Parameter maximumVersion: cap the protocol (e.g. `.tls12` to exercise TLS 1.2 peers); nil allows TLS 1.3.
    public init(certificateFile: String, privateKeyFile: String, clientCAFile: String?,
                maximumVersion: TLSProtocolVersion? = nil) throws(TLSError) {
        let ctx = try SSLContextSetup.makeContext(server: true, maximumVersion: maximumVersion)
        do {
            try SSLContextSetup.loadIdentity(ctx, certificateFile: certificateFile, privateKeyFile: privateKeyFile)
            if let clientCAFile {
                try SSLContextSetup.loadTrust(ctx, caFile: clientCAFile)
                if let names = SSL_load_client_CA_file(clientCAFile) {
                    SSL_CTX_set_client_CA_list(ctx, names)
                }
                OpenSSLErrorQueue.clear()
                SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, nil)
            } else {
                SSL_CTX_set_verify(ctx, SSL_VERIFY_NONE, nil)
            }
        } catch {
            SSL_CTX_free(ctx)
            throw error
        }
        self.pointer = ctx
    }

    deinit {
        SSL_CTX_free(pointer)
    }
}
