/// One network of `GET /networks`, as much as `docker network ls` shows.
public struct NetworkSummary: Decodable, Sendable, Hashable {
    public var id: String
    public var name: String
    public var driver: String
    public var scope: String
    /// RFC 3339 with nanoseconds, as the engine sends it.
    public var created: String
    /// Engines before API 1.47 have no `EnableIPv4`: docker 28 shows them false.
    public var enableIPv4: Bool
    public var enableIPv6: Bool
    public var `internal`: Bool
    public var labels: [String: String]

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        id = c.value("Id", default: "")
        name = c.value("Name", default: "")
        driver = c.value("Driver", default: "")
        scope = c.value("Scope", default: "")
        created = c.value("Created", default: "")
        enableIPv4 = c.value("EnableIPv4", default: false)
        enableIPv6 = c.value("EnableIPv6", default: false)
        `internal` = c.value("Internal", default: false)
        labels = c.value("Labels", default: [:])
    }
}
