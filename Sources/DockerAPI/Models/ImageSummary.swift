/// One entry of `GET /images/json`.
public struct ImageSummary: Decodable, Sendable, Hashable {
    public var id: String
    public var parentID: String
    public var repoTags: [String]
    public var repoDigests: [String]
    /// Unix seconds.
    public var created: Int64
    public var size: Int64
    /// -1 when the daemon did not compute it.
    public var sharedSize: Int64
    public var virtualSize: Int64?
    public var labels: [String: String]
    /// -1 when the daemon did not compute it.
    public var containers: Int64

    public init(
        id: String, repoTags: [String] = [], repoDigests: [String] = [], created: Int64 = 0, size: Int64 = 0,
        sharedSize: Int64 = -1, containers: Int64 = -1
    ) {
        self.id = id
        self.parentID = ""
        self.repoTags = repoTags
        self.repoDigests = repoDigests
        self.created = created
        self.size = size
        self.sharedSize = sharedSize
        self.virtualSize = nil
        self.labels = [:]
        self.containers = containers
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        id = c.value("Id", default: "")
        parentID = c.value("ParentId", default: "")
        repoTags = c.value("RepoTags", default: [])
        repoDigests = c.value("RepoDigests", default: [])
        created = c.value("Created", default: 0)
        size = c.value("Size", default: 0)
        sharedSize = c.value("SharedSize", default: -1)
        virtualSize = c.optional("VirtualSize")
        labels = c.value("Labels", default: [:])
        containers = c.value("Containers", default: -1)
    }
}
