/// How to speak TLS to one engine: file paths only, never key material (the TLS module loads them).
public struct TLSSettings: Sendable, Hashable {
    /// The CA bundle that forms an exclusive trust pool (system roots are never added).
    /// Required once TLS is on for `-H`, env, machines and `connect` (docker CLI rule). Empty only
    /// for a context with `SkipTLSVerify` and no `ca.pem`, where nothing is verified anyway.
    public var caFile: String
    /// Client certificate; nil when missing (a warning diagnostic says so).
    public var certificateFile: String?
    /// Client private key; nil when missing.
    public var privateKeyFile: String?
    /// false = `DOCKER_TLS` / `--tlsverify=false` / `SkipTLSVerify`: encrypt and send the client
    /// certificate, but do not verify the engine. Never means plaintext.
    public var verify: Bool

    public init(caFile: String, certificateFile: String?, privateKeyFile: String?, verify: Bool) {
        self.caFile = caFile
        self.certificateFile = certificateFile
        self.privateKeyFile = privateKeyFile
        self.verify = verify
    }
}
