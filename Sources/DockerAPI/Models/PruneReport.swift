/// The answer of every `POST /…/prune`: what was deleted and the bytes reclaimed (moby
/// api/types/{container,image,network,volume,build}.PruneReport, merged: each answer fills its own list).
public struct PruneReport: Decodable, Sendable, Hashable {
    public var containersDeleted: [String]
    /// One `{"Untagged":…}` or `{"Deleted":…}` per image reference or layer.
    public var imagesDeleted: [ImageDeleteItem]
    public var networksDeleted: [String]
    public var volumesDeleted: [String]
    public var cachesDeleted: [String]
    public var spaceReclaimed: UInt64

    public struct ImageDeleteItem: Decodable, Sendable, Hashable {
        public var untagged: String
        public var deleted: String

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: AnyKey.self)
            untagged = c.value("Untagged", default: "")
            deleted = c.value("Deleted", default: "")
        }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        // Go marshals an empty slice as null: an absent or null list is an empty one.
        containersDeleted = c.value("ContainersDeleted", default: [])
        imagesDeleted = c.value("ImagesDeleted", default: [])
        networksDeleted = c.value("NetworksDeleted", default: [])
        volumesDeleted = c.value("VolumesDeleted", default: [])
        cachesDeleted = c.value("CachesDeleted", default: [])
        spaceReclaimed = c.value("SpaceReclaimed", default: 0)
    }
}
