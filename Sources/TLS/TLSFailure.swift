import Core

/// What OpenSSL reported when a call failed, captured on the spot (the error queue is thread-local and
/// the next call clears it). `TLSFailureTranslator` turns it into words.
struct TLSFailure: Sendable, Equatable {
    /// `SSL_get_error` for the failed call.
    var sslError: Int32
    var entries: [OpenSSLErrorQueue.Entry]
    var duringHandshake: Bool
    /// `SSL_get_verify_result` (an `X509_V_*` code) and its text.
    var verifyResult: Int32
    var verifyText: String
    /// The peer leaf certificate's SANs, filled in for name and IP mismatches.
    var peerNames: [String]
    /// On a client: the server sent a CertificateRequest naming CAs.
    var clientCertificateRequested: Bool
    /// The peer leaf's validity period, filled in when it has expired or is not yet valid.
    var peerValidity: String = ""

    func hasReason(_ reasons: Int32...) -> Bool {
        entries.contains { entry in reasons.contains(entry.reason) }
    }
}
