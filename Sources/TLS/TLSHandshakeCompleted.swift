/// What the handshake agreed on; fired as a user inbound event once it completes, so a dialer can
/// wait for it before sending requests.
public struct TLSHandshakeCompleted: Sendable, Hashable {
    /// `TLSv1.2` or `TLSv1.3`.
    public var protocolVersion: String
    /// The OpenSSL cipher name, e.g. `TLS_AES_128_GCM_SHA256`.
    public var cipher: String

    public init(protocolVersion: String, cipher: String) {
        self.protocolVersion = protocolVersion
        self.cipher = cipher
    }
}
