/// One query parameter, kept in an ordered array because the Engine API accepts repeated keys.
public struct QueryItem: Sendable, Hashable {
    public var name: String
    public var value: String
    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

/// One request header (name as sent on the wire).
public struct HeaderField: Sendable, Hashable {
    public var name: String
    public var value: String
    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

/// An Engine API request as plain data: the transport turns it into HTTP/1.1 bytes.
///
/// `path` is unversioned and unescaped; `target(apiVersion:basePath:)` adds the base path of a
/// `tcp://host/base` URL, the pinned `/v1.xx` prefix and the escaped query, like the Go client.
public struct APIRequest: Sendable, Hashable {
    public var method: String
    public var path: String
    public var query: [QueryItem]
    public var headers: [HeaderField]
    public var body: [UInt8]?
    /// False for `/_ping`, which the Go client never versions (it still gets the base path).
    public var isVersioned: Bool
    /// Exec start and attach: sent with `Connection: Upgrade` / `Upgrade: tcp`, then a raw stream.
    public var upgradesToRawStream: Bool
    /// Load, build and copy: the body is streamed after the head (chunked), not held in `body`.
    public var streamsBody: Bool

    public init(
        method: String, path: String, query: [QueryItem] = [], headers: [HeaderField] = [],
        body: [UInt8]? = nil, isVersioned: Bool = true, upgradesToRawStream: Bool = false, streamsBody: Bool = false
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
        self.isVersioned = isVersioned
        self.upgradesToRawStream = upgradesToRawStream
        self.streamsBody = streamsBody
    }

    /// The request target, e.g. `/base/v1.41/containers/json?all=1`.
    ///
    /// The query is sorted by key (stable), as Go's `url.Values.Encode` does, and escaped with
    /// `url.QueryEscape` rules; the path with `url.PathEscape`-for-paths rules (`/` kept). The
    /// base path is escaped too, as the Go client's `(&url.URL{Path: …}).String()` does
    /// (docker/client/request.go `getAPIPath`): it is the path of the URL as written
    /// (`tcp://h:2376/with space` or `…/with%20space`), so it is unescaped first, as `url.Parse` does.
    public func target(apiVersion: APIVersion?, basePath: String) -> String {
        var result = ""
        var base = PercentEncoding.unescapePath(basePath)
        while base.hasSuffix("/") { base.removeLast() }
        if !base.isEmpty && !base.hasPrefix("/") { base = "/" + base }
        result += PercentEncoding.path(base)
        if isVersioned, let apiVersion {
            result += "/v\(apiVersion)"
        }
        result += path.hasPrefix("/") ? PercentEncoding.path(path) : "/" + PercentEncoding.path(path)
        if !query.isEmpty {
            result += "?" + PercentEncoding.queryString(query)
        }
        return result
    }

    /// The value of the first header with this name (case-insensitive).
    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }
}
