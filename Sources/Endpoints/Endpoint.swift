/// One named Docker engine and everything needed to reach it.
public struct Endpoint: Sendable, Hashable {
    /// Unique within one discovery; letters, digits, `._-` (plus `source:` when qualified).
    public var name: String
    public var source: EndpointSource
    public var address: EngineAddress
    /// nil for unix/fd and plain tcp. Never dropped once configured: TLS does not fall back to plaintext.
    public var tls: TLSSettings?
    /// Pinned by `DOCKER_API_VERSION` (leading "v" stripped); nil = negotiate with `/_ping`.
    public var apiVersion: String?
    /// The folder `DOCKER_CERT_PATH` would point at for this engine (machine folder, cert dir…),
    /// used when handing the engine to the real docker CLI.
    public var certDirectory: String?
    /// The file the endpoint was read from (a machine's `config.json`, a context's `meta.json`), so
    /// that a message about one of its values names the file to fix; nil for flags and variables.
    public var origin: String?

    public init(
        name: String, source: EndpointSource, address: EngineAddress,
        tls: TLSSettings? = nil, apiVersion: String? = nil, certDirectory: String? = nil,
        origin: String? = nil
    ) {
        self.name = name
        self.source = source
        self.address = address
        self.tls = tls
        self.apiVersion = apiVersion
        self.certDirectory = certDirectory
        self.origin = origin
    }
}
