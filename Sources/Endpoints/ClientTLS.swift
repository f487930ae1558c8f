/// The docker CLI's TLS settings for `-H` / `DOCKER_HOST` engines (docker/cli
/// cli/flags/options.go `SetDefaultOptions`), decided once from flags and environment, then applied to every such endpoint.
public struct ClientTLS: Sendable, Hashable {
    /// `--tls || DOCKER_TLS!="" || --tlsverify given || DOCKER_TLS_VERIFY!=""`.
    public var enabled: Bool
    /// `--tlsverify[=bool]` if given, else `DOCKER_TLS_VERIFY` non-empty (so "0" and "false" verify).
    public var verify: Bool
    /// What turned TLS on, for messages (`DOCKER_TLS_VERIFY`, `--tls`, …).
    public var reason: String
    /// `DOCKER_CERT_PATH`, else the config dir (`DOCKER_CONFIG`, else `~/.docker`).
    public var certDirectory: String
    var caFile: String, certFile: String, keyFile: String
    var certExplicit: Bool, keyExplicit: Bool

    public init(
        tls: Bool, tlsVerify: Bool?, caFile: String?, certFile: String?, keyFile: String?,
        environment: [String: String], homeDirectory: String, certDirectory: String? = nil
    ) {
        let envVerify = !(environment["DOCKER_TLS_VERIFY"] ?? "").isEmpty
        let envTLS = !(environment["DOCKER_TLS"] ?? "").isEmpty
        verify = tlsVerify ?? envVerify
        enabled = tls || envTLS || tlsVerify != nil || verify
        reason = tlsVerify != nil ? "--tlsverify" : envVerify ? "DOCKER_TLS_VERIFY" : tls ? "--tls" : "DOCKER_TLS"
        let dir = certDirectory ?? ClientTLS.defaultCertDirectory(environment: environment, homeDirectory: homeDirectory)
        self.certDirectory = dir
        self.caFile = caFile ?? FileCheck.join(dir, "ca.pem")
        self.certFile = certFile ?? FileCheck.join(dir, "cert.pem")
        self.keyFile = keyFile ?? FileCheck.join(dir, "key.pem")
        certExplicit = certFile != nil
        keyExplicit = keyFile != nil
    }

    /// `DOCKER_CERT_PATH`, else `DOCKER_CONFIG`, else `~/.docker` (`--config` never moves it).
    public static func defaultCertDirectory(environment: [String: String], homeDirectory: String) -> String {
        if let path = environment["DOCKER_CERT_PATH"], !path.isEmpty { return path }
        return ContextStore.configDirectory(environment: environment, homeDirectory: homeDirectory)
    }

    /// The outcome of reading the cert folder once.
    public struct Loaded: Sendable, Hashable {
        /// nil when TLS is off.
        public var settings: TLSSettings?
        /// Set when TLS is on but unusable (missing `ca.pem`, missing explicit file): no endpoint may use it.
        public var error: String?
        /// Missing default client certificate or key: TLS still works against engines that do not ask.
        public var warnings: [String]
    }

    /// Checks the files the way the docker CLI does: `ca.pem` always required, explicit files
    /// required, default `cert.pem`/`key.pem` optional (dropped with a warning, as a pair).
    public func load() -> Loaded {
        guard enabled else { return Loaded(settings: nil, error: nil, warnings: []) }
        if let problem = FileCheck.problem(with: caFile) {
            return Loaded(settings: nil, error: "TLS is on (\(reason)) but \(problem)", warnings: [])
        }
        var warnings: [String] = []
        let certProblem = FileCheck.problem(with: certFile)
        let keyProblem = FileCheck.problem(with: keyFile)
        if certExplicit, let certProblem { return Loaded(settings: nil, error: "--tlscert: \(certProblem)", warnings: []) }
        if keyExplicit, let keyProblem { return Loaded(settings: nil, error: "--tlskey: \(keyProblem)", warnings: []) }
        var cert: String? = certFile
        var key: String? = keyFile
        if certProblem != nil || keyProblem != nil {
            let missing = [certProblem, keyProblem].compactMap { $0 }.joined(separator: "; ")
            warnings.append("TLS (\(reason)): no client certificate will be sent (\(missing)); "
                + "engines started with --tlsverify will reject the connection")
            cert = nil
            key = nil
        }
        if let key, let warning = FileCheck.unprotectedKeyWarning(key) { warnings.append("TLS (\(reason)): \(warning)") }
        return Loaded(
            settings: TLSSettings(caFile: caFile, certificateFile: cert, privateKeyFile: key, verify: verify),
            error: nil, warnings: warnings)
    }
}
