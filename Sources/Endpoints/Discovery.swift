/// The merged endpoint list with everything that went wrong on the way.
public struct Discovery: Sendable {
    public var endpoints: [Endpoint]
    public var diagnostics: [Diagnostic]
    /// `-H` values that cannot be parsed: the user typed them, so the launcher stops with a usage
    /// error before anything is sent; a broken file or variable stays a diagnostic.
    public var usageErrors: [Diagnostic] = []
    /// `currentContext` from the docker `config.json`, for marking only: every context is loaded.
    /// Its endpoint is the one whose source is `.context(name: currentContext)` (its name may be qualified).
    public var currentContext: String?

    public init(endpoints: [Endpoint] = [], diagnostics: [Diagnostic] = [], currentContext: String? = nil) {
        self.endpoints = endpoints
        self.diagnostics = diagnostics
        self.currentContext = currentContext
    }

    /// The endpoint of the docker CLI's current context, if it loaded.
    public var currentContextEndpoint: Endpoint? {
        guard let currentContext else { return nil }
        return endpoints.first { $0.source == .context(name: currentContext) }
    }

    /// Appends an endpoint, keeping names unique.
    ///
    /// A name taken by an earlier *source* becomes source-qualified (`machine:web`); a name repeated
    /// within the same source gets a counter (`web-2`). Either way a warning says so. The same
    /// engine reached twice is still two entries: the user asked for both.
    /// - Returns: the name the endpoint was given.
    @discardableResult
    public mutating func add(_ endpoint: Endpoint) -> String {
        var endpoint = endpoint
        let wanted = endpoint.name
        guard let owner = endpoints.first(where: { $0.name == wanted }) else {
            endpoints.append(endpoint)
            return wanted
        }
        let base = owner.source.isSameKind(as: endpoint.source)
            ? wanted : "\(endpoint.source.qualifier):\(wanted)"
        var candidate = base == wanted ? "\(wanted)-2" : base
        var counter = base == wanted ? 2 : 1
        while endpoints.contains(where: { $0.name == candidate }) {
            counter += 1
            candidate = "\(base)-\(counter)"
        }
        endpoint.name = candidate
        diagnostics.append(.warning(
            "\(endpoint.source) \(wanted) (\(endpoint.address)): name \"\(wanted)\" is already taken by "
                + "\(owner.source) (\(owner.address)); this one is named \"\(candidate)\""))
        endpoints.append(endpoint)
        return candidate
    }

    /// Looks an endpoint up by its (unique) name.
    public func endpoint(named name: String) -> Endpoint? {
        endpoints.first { $0.name == name }
    }
}
