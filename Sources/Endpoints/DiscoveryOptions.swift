import Foundation

/// Everything discovery reads, injected so tests (and the shell) control every path.
public struct DiscoveryOptions: Sendable {
    /// `-H` values, each `[NAME=]URL`, in order.
    public var hostFlags: [String]
    /// `--tls`.
    public var tls: Bool
    /// `--tlsverify[=bool]`; nil = not given (then `DOCKER_TLS_VERIFY` decides).
    public var tlsVerify: Bool?
    /// `--tlscacert`, `--tlscert`, `--tlskey`: explicit files must exist.
    public var tlsCACert: String?
    public var tlsCert: String?
    public var tlsKey: String?
    public var environment: [String: String]
    public var homeDirectory: String
    public var includeMachines = true
    public var includeContexts = true
    /// docker's default socket: added as `local` when no source yields any endpoint and it exists.
    public var defaultSocketPath = EngineAddress.defaultUnixSocketPath

    public init(
        hostFlags: [String] = [], tls: Bool = false, tlsVerify: Bool? = nil,
        tlsCACert: String? = nil, tlsCert: String? = nil, tlsKey: String? = nil,
        environment: [String: String], homeDirectory: String,
        includeMachines: Bool = true, includeContexts: Bool = true,
        defaultSocketPath: String = EngineAddress.defaultUnixSocketPath
    ) {
        self.hostFlags = hostFlags
        self.tls = tls
        self.tlsVerify = tlsVerify
        self.tlsCACert = tlsCACert
        self.tlsCert = tlsCert
        self.tlsKey = tlsKey
        self.environment = environment
        self.homeDirectory = homeDirectory
        self.includeMachines = includeMachines
        self.includeContexts = includeContexts
        self.defaultSocketPath = defaultSocketPath
    }

    /// Options for this process: its environment and `$HOME` (else the account's home directory).
    public static func processDefaults(hostFlags: [String] = []) -> DiscoveryOptions {
        let environment = ProcessInfo.processInfo.environment
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? FileManager.default.homeDirectoryForCurrentUser.path
        return DiscoveryOptions(hostFlags: hostFlags, environment: environment, homeDirectory: home)
    }

    /// The docker CLI TLS settings these flags and this environment produce.
    public var clientTLS: ClientTLS {
        ClientTLS(
            tls: tls, tlsVerify: tlsVerify, caFile: tlsCACert, certFile: tlsCert, keyFile: tlsKey,
            environment: environment, homeDirectory: homeDirectory)
    }

    /// `DOCKER_API_VERSION` with a leading "v" stripped; nil when unset or empty.
    var pinnedAPIVersion: String? {
        guard var value = environment["DOCKER_API_VERSION"]?.trimmingWhitespace(), !value.isEmpty else { return nil }
        if value.hasPrefix("v") { value.removeFirst() }
        return value
    }
}
