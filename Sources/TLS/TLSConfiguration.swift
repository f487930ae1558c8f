/// Client TLS settings with the docker CLI's semantics (docker/cli cli/flags/options.go
/// `SetDefaultOptions`, cli/context/docker/load.go).
public struct TLSConfiguration: Sendable, Hashable {
    /// The exclusive trust pool: only this file's CAs are trusted, never the system roots. Docker reads it
    /// whenever TLS is on, so it is loaded (and must exist) even when `verifyPeer` is false, except
    /// when it is empty and `verifyPeer` is false (a context with SkipTLSVerify and no ca.pem).
    public var caFile: String
    /// The client certificate (PEM), sent when the engine asks for one.
    public var certificateFile: String?
    /// The client key: PKCS#1 or PKCS#8 PEM. Encrypted keys are refused, never prompted for.
    public var privateKeyFile: String?
    /// `false` (`DOCKER_TLS` without verify): no chain or name verification; the client cert is still sent.
    public var verifyPeer: Bool

    public init(caFile: String, certificateFile: String? = nil, privateKeyFile: String? = nil, verifyPeer: Bool = true) {
        self.caFile = caFile
        self.certificateFile = certificateFile
        self.privateKeyFile = privateKeyFile
        self.verifyPeer = verifyPeer
    }
}
