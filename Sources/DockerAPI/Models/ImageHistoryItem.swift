/// One layer of `GET /images/{name}/history` (moby api/types/image.HistoryResponseItem).
public struct ImageHistoryItem: Decodable, Sendable, Hashable {
    public var id: String
    public var created: Int64
    public var createdBy: String
    public var size: Int64
    public var comment: String
    public var tags: [String]

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        id = c.value("Id", default: "")
        created = c.value("Created", default: 0)
        createdBy = c.value("CreatedBy", default: "")
        size = c.value("Size", default: 0)
        comment = c.value("Comment", default: "")
        tags = c.value("Tags", default: [])
    }
}
