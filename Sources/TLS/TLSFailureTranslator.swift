internal import COpenSSL
import Core

/// Turns OpenSSL's view of a failure into one line for the user, with the file or name to check.
/// Pure: no OpenSSL state is read here, so every rule is testable from a hand-made `TLSFailure`.
struct TLSFailureTranslator: Sendable {
    enum Side: Sendable {
        case client(caFile: String, certificateFile: String?, serverName: String)
        case server
    }

    let side: Side

    /// - Parameter peerSpokePlainHTTP: the first bytes from the peer were `HTTP/`.
    func translate(_ failure: TLSFailure, peerSpokePlainHTTP: Bool) -> TLSError {
        if failure.hasReason(SSL_R_CERTIFICATE_VERIFY_FAILED) {
            return verifyFailed(failure)
        }
        switch side {
        case .client(_, let certificateFile, _):
            if peerSpokePlainHTTP || failure.hasReason(SSL_R_WRONG_VERSION_NUMBER) {
                return .plaintextPeer()
            }
            if let rejection = clientCertificateRejection(failure, certificateFile: certificateFile) {
                return rejection
            }
        case .server:
            if failure.hasReason(SSL_R_HTTP_REQUEST) {
                return TLSError(.plaintextPeer, "the client sent plain HTTP to a TLS port")
            }
            if failure.hasReason(SSL_R_PEER_DID_NOT_RETURN_A_CERTIFICATE) {
                return TLSError(.clientCertificateRequired, "the client sent no certificate; one is required")
            }
        }
        if failure.duringHandshake, failure.hasReason(SSL_R_UNEXPECTED_EOF_WHILE_READING) || failure.entries.isEmpty {
            return .closedDuringHandshake()
        }
        let reason = OpenSSLErrorQueue.summary(failure.entries) ?? "SSL error \(failure.sslError)"
        return TLSError(.protocolError, failure.duringHandshake ? "handshake failed: \(reason)" : reason)
    }

    /// The engine's verdict on our certificate. With TLS 1.3 it arrives as an alert on the first read
    /// after a handshake that looked successful; with TLS 1.2 it fails the handshake itself.
    private func clientCertificateRejection(_ failure: TLSFailure, certificateFile: String?) -> TLSError? {
        let rejected = failure.hasReason(SSL_R_SSLV3_ALERT_BAD_CERTIFICATE, SSL_R_TLSV13_ALERT_CERTIFICATE_REQUIRED,
                                         SSL_R_TLSV1_ALERT_UNKNOWN_CA, SSL_R_SSLV3_ALERT_CERTIFICATE_UNKNOWN,
                                         SSL_R_SSLV3_ALERT_UNSUPPORTED_CERTIFICATE,
                                         SSL_R_SSLV3_ALERT_CERTIFICATE_EXPIRED, SSL_R_SSLV3_ALERT_CERTIFICATE_REVOKED)
        // A TLS 1.2 OpenSSL server answers a missing certificate with a bare handshake_failure.
        let refusedWithoutCertificate = certificateFile == nil && failure.clientCertificateRequested
            && failure.hasReason(SSL_R_SSLV3_ALERT_HANDSHAKE_FAILURE)
        guard rejected || refusedWithoutCertificate else { return nil }
        if let certificateFile {
            return TLSError(.clientCertificateRejected,
                            "the engine rejected the client certificate \(TLSError.fileLabel(.certificate, certificateFile))")
        }
        return TLSError(.clientCertificateRequired,
                        "no client certificate was sent; the engine requires one (--tlsverify): provide cert.pem and key.pem")
    }

    private func verifyFailed(_ failure: TLSFailure) -> TLSError {
        let reason: String
        switch (failure.verifyResult, side) {
        case (X509_V_ERR_IP_ADDRESS_MISMATCH, .client(_, _, let serverName)):
            reason = "IP address mismatch (\(validity(failure.peerNames)); not \(serverName))"
        case (X509_V_ERR_HOSTNAME_MISMATCH, .client(_, _, let serverName)):
            reason = "host name mismatch (\(validity(failure.peerNames)); not \(serverName))"
        case (X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT, .client(let caFile, _, _)),
             (X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY, .client(let caFile, _, _)),
             (X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT, .client(let caFile, _, _)),
             (X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN, .client(let caFile, _, _)),
             (X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE, .client(let caFile, _, _)):
            reason = "certificate signed by unknown authority \(TLSError.fileLabel(.ca, caFile))"
        case (X509_V_ERR_CERT_HAS_EXPIRED, _), (X509_V_ERR_CERT_NOT_YET_VALID, _):
            let owner = if case .client = side { "server" } else { "client" }
            reason = failure.verifyText + (failure.peerValidity.isEmpty ? "" : " (\(owner) certificate \(failure.peerValidity))")
        default:
            reason = failure.verifyText.isEmpty ? "code \(failure.verifyResult)" : failure.verifyText
        }
        switch side {
        case .client: return TLSError(.certificateVerifyFailed, "certificate verify failed: \(reason)")
        case .server: return TLSError(.certificateVerifyFailed, "client certificate verify failed: \(reason)")
        }
    }

    private func validity(_ names: [String]) -> String {
        names.isEmpty ? "server certificate has no subject alternative names"
            : "server certificate is valid for \(names.joined(separator: ", "))"
    }
}
