/// Builds the one merged endpoint list: `-H` flags, then the environment, then the docker-machine
/// store, then docker contexts. Later sources never replace earlier ones; clashing names are
/// qualified (see `Discovery.add`).
public enum EndpointDiscovery {
    public static func discover(_ options: DiscoveryOptions) -> Discovery {
        var discovery = Discovery()
        let apiVersion = checkedAPIVersion(options, into: &discovery)
        var tls = LazyTLS(options.clientTLS)

        for value in options.hostFlags {
            let flag = HostFlag(value)
            let address: EngineAddress
            do throws(HostSyntaxError) {
                address = try HostSyntax.parse(flag.url, defaultToTLS: tls.config.enabled)
            } catch {
                discovery.usageErrors.append(.error("-H \(value): \(error)"))
                continue
            }
            let name = flag.name ?? EndpointName.derived(for: address)
            guard let settings = tls.settings(for: address, label: "-H \(value)", into: &discovery) else { continue }
            discovery.add(Endpoint(
                name: name, source: .flag, address: address, tls: settings.tls, apiVersion: apiVersion,
                certDirectory: settings.certDirectory))
        }

        addEnvironmentEndpoint(options, apiVersion: apiVersion, tls: &tls, into: &discovery)

        if options.includeMachines {
            let root = MachineStore.root(environment: options.environment, home: options.homeDirectory)
            let (endpoints, diagnostics) = MachineStore.load(root: root)
            discovery.diagnostics += diagnostics
            for endpoint in endpoints { discovery.add(endpoint) }
        }
        if options.includeContexts {
            let dir = ContextStore.configDirectory(environment: options.environment, homeDirectory: options.homeDirectory)
            let loaded = ContextStore.load(configDirectory: dir)
            discovery.diagnostics += loaded.diagnostics
            discovery.currentContext = loaded.currentContext
            for endpoint in loaded.endpoints { discovery.add(endpoint) }
        }

        // docker's own default, but only when nothing at all was configured or found.
        let hostGiven = !options.hostFlags.isEmpty || !(options.environment["DOCKER_HOST"] ?? "").isEmpty
        if discovery.endpoints.isEmpty && !hostGiven && FileCheck.exists(options.defaultSocketPath) {
            discovery.add(Endpoint(name: "local", source: .environment, address: .unix(path: options.defaultSocketPath)))
        }
        return discovery
    }

    /// The docker CLI's default context: `DOCKER_HOST`, or `tcp://localhost:2376` when TLS is on and
    /// no `-H` was given. Named `$DOCKER_MACHINE_NAME` (what `docker-machine env` sets) or `env`.
    static func addEnvironmentEndpoint(
        _ options: DiscoveryOptions, apiVersion: String?, tls: inout LazyTLS, into discovery: inout Discovery
    ) {
        let host = options.environment["DOCKER_HOST"] ?? ""
        guard !host.isEmpty || (tls.config.enabled && options.hostFlags.isEmpty) else { return }
        let address: EngineAddress
        do throws(HostSyntaxError) {
            address = try HostSyntax.parse(host, defaultToTLS: tls.config.enabled)
        } catch {
            discovery.diagnostics.append(.error("DOCKER_HOST=\(host): \(error)"))
            return
        }
        var name = "env"
        if let machine = options.environment["DOCKER_MACHINE_NAME"], !machine.isEmpty {
            if EndpointName.isValid(machine) {
                name = machine
            } else {
                discovery.diagnostics.append(.warning(
                    "DOCKER_MACHINE_NAME=\(machine) is not a valid endpoint name; using \"env\""))
            }
        }
        let label = host.isEmpty ? "environment (\(tls.config.reason))" : "DOCKER_HOST=\(host)"
        guard let settings = tls.settings(for: address, label: label, into: &discovery) else { return }
        discovery.add(Endpoint(
            name: name, source: .environment, address: address, tls: settings.tls, apiVersion: apiVersion,
            certDirectory: settings.certDirectory))
    }

    /// docker 28.2.2 sends any value; master rejects what is not MAJOR.MINOR. Warn, keep the pin.
    static func checkedAPIVersion(_ options: DiscoveryOptions, into discovery: inout Discovery) -> String? {
        guard let version = options.pinnedAPIVersion else { return nil }
        let parts = version.split(separator: ".", omittingEmptySubsequences: false)
        if parts.count != 2 || !parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }) {
            discovery.diagnostics.append(.warning(
                "DOCKER_API_VERSION=\(options.environment["DOCKER_API_VERSION"] ?? ""): not MAJOR.MINOR (e.g. 1.41); "
                    + "engines will answer \"page not found\""))
        }
        return version
    }
}

/// Reads the cert folder at most once, and only if some endpoint needs it; reports its warnings once.
struct LazyTLS {
    let config: ClientTLS
    private var loaded: ClientTLS.Loaded?
    private var warned = false

    init(_ config: ClientTLS) { self.config = config }

    /// nil = the endpoint must not be added (an error diagnostic was emitted). Like the docker CLI,
    /// `ca.pem` is required even for sockets, which then ignore TLS.
    mutating func settings(
        for address: EngineAddress, label: String, into discovery: inout Discovery
    ) -> (tls: TLSSettings?, certDirectory: String?)? {
        guard config.enabled else { return (nil, nil) }
        let result = loaded ?? config.load()
        loaded = result
        if let error = result.error {
            discovery.diagnostics.append(.error("\(label): \(error)"))
            return nil
        }
        if address.isSocket { return (nil, nil) }
        if !warned {
            warned = true
            discovery.diagnostics += result.warnings.map { Diagnostic.warning($0) }
        }
        return (result.settings, config.certDirectory)
    }
}
