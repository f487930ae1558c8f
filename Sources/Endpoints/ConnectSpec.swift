/// Why a `connect` line was refused; one line naming the endpoint and the file or URL at fault.
public struct ConnectError: Error, Sendable, Hashable, CustomStringConvertible {
    public var name: String
    public var message: String
    public var description: String { "connect \(name): \(message)" }
}

/// The shell's `connect NAME URL [--tls] [--tlsverify] [--cert-path DIR]` built-in (also used by the rc file).
public enum ConnectSpec {
    /// Parses URL like `-H` (docker CLI syntax plus `fd://N`). TLS comes only from the arguments,
    /// never from `DOCKER_TLS*`: the line says everything. The cert folder is `certPath`, else
    /// `DOCKER_CERT_PATH`, else the docker config dir; `ca.pem` must exist once TLS is on.
    /// - Returns: the endpoint (source `.connect`) and warnings (e.g. no client certificate).
    public static func endpoint(
        name: String, url: String, tlsVerify: Bool, tls: Bool, certPath: String?,
        environment: [String: String], home: String
    ) throws(ConnectError) -> (Endpoint, [Diagnostic]) {
        guard EndpointName.isValid(name) else {
            throw ConnectError(name: name, message: "invalid name: use letters, digits, '.', '_' or '-', starting with a letter or digit")
        }
        let config = ClientTLS(
            tls: tls, tlsVerify: tlsVerify ? true : nil, caFile: nil, certFile: nil, keyFile: nil,
            environment: [:], homeDirectory: home,
            certDirectory: certPath ?? ClientTLS.defaultCertDirectory(environment: environment, homeDirectory: home))
        let address: EngineAddress
        do throws(HostSyntaxError) {
            address = try HostSyntax.parse(url, defaultToTLS: config.enabled)
        } catch {
            throw ConnectError(name: name, message: error.description)
        }
        var endpoint = Endpoint(name: name, source: .connect, address: address)
        guard config.enabled, !address.isSocket else { return (endpoint, []) }
        let loaded = config.load()
        if let error = loaded.error { throw ConnectError(name: name, message: error) }
        endpoint.tls = loaded.settings
        endpoint.certDirectory = config.certDirectory
        return (endpoint, loaded.warnings.map { .warning("connect \(name): \($0)") })
    }
}
