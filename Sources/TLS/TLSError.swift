import Core

/// A TLS failure a user can act on: one line naming what failed and the file, host or peer involved.
///
/// `kind` lets callers decide (retry a closed connection, never retry a verify failure); `detail` is the
/// text after the `TLS: ` prefix. No message ever contains private key bytes.
public struct TLSError: Error, CustomStringConvertible, Equatable, Sendable {
    public enum Kind: Sendable, Hashable {
        /// A certificate, key or CA file is missing or unreadable.
        case fileUnreadable
        /// A file holds no usable PEM certificate.
        case invalidCertificate
        /// A key file holds no usable PEM private key.
        case invalidPrivateKey
        /// The key file is encrypted: dmux never prompts for a pass phrase.
        case encryptedPrivateKey
        /// The private key does not belong to the certificate.
        case keyMismatch
        /// A certificate was given without a key, or a key without a certificate.
        case incompleteClientIdentity
        /// The host name given for verification is empty or malformed.
        case invalidServerName
        /// The peer's certificate chain or name did not verify.
        case certificateVerifyFailed
        /// The peer answered in plaintext (typically plain HTTP).
        case plaintextPeer
        /// The engine refused the client certificate that was sent.
        case clientCertificateRejected
        /// The engine requires a client certificate and none was configured.
        case clientCertificateRequired
        /// The connection closed before the handshake finished.
        case closedDuringHandshake
        /// Any other handshake or record-layer failure reported by OpenSSL.
        case protocolError
        /// OpenSSL could not allocate or configure an object.
        case internalError
    }

    public let kind: Kind
    /// The message without the `TLS: ` prefix.
    public let detail: String

    public init(_ kind: Kind, _ detail: String) {
        self.kind = kind
        self.detail = detail
    }

    public var description: String { "TLS: \(detail)" }

    /// A few words for a narrow column (`hosts` STATE): what to check first, the line says the rest.
    public var summary: String {
        switch kind {
        case .fileUnreadable, .invalidCertificate, .invalidPrivateKey, .encryptedPrivateKey, .keyMismatch,
             .incompleteClientIdentity:
            return "tls: bad files"
        case .invalidServerName: return "tls: bad name"
        case .certificateVerifyFailed:
            if detail.contains("mismatch") { return "tls: name mismatch" }
            if detail.contains("expired") || detail.contains("not yet valid") { return "tls: expired" }
            return "tls: bad ca"
        case .plaintextPeer: return "tls: plain http"
        case .clientCertificateRejected, .clientCertificateRequired: return "tls: cert rejected"
        case .closedDuringHandshake: return "tls: closed"
        case .protocolError, .internalError: return "tls: failed"
        }
    }
}

extension TLSError {
    /// `(role: path)`, the way every file-related message names its file (`ca.pem: /certs/ca.pem`).
    static func fileLabel(_ role: FileRole, _ path: String) -> String { "(\(role.rawValue): \(path))" }

    static func closedDuringHandshake() -> TLSError {
        TLSError(.closedDuringHandshake, "connection closed during TLS handshake")
    }

    static func plaintextPeer() -> TLSError {
        TLSError(.plaintextPeer,
                 "the engine answered in plain HTTP; is it listening without TLS? (refusing to fall back to plaintext)")
    }

    static func internalError(_ what: String) -> TLSError {
        TLSError(.internalError, "\(what) (\(OpenSSLErrorQueue.drainSummary() ?? "no OpenSSL error reported"))")
    }
}

/// The role a file plays, named the way docker names its cert folder files.
enum FileRole: String, Sendable {
    case ca = "ca.pem"
    case certificate = "cert.pem"
    case key = "key.pem"

    /// What the file holds, for messages: `cannot read private key (key.pem: /x/key.pem): …`.
    var noun: String {
        switch self {
        case .ca: "CA certificates"
        case .certificate: "certificate"
        case .key: "private key"
        }
    }
}
