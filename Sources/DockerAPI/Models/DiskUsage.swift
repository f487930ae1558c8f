import Foundation

/// `GET /system/df`.
public struct DiskUsage: Decodable, Sendable, Hashable {
    /// The volumes of `GET /system/df` are `GET /volumes`' records with their UsageData filled in.
    public typealias Volume = VolumeSummary

    public struct BuildCacheRecord: Decodable, Sendable, Hashable {
        public var id: String
        public var type: String
        public var size: Int64
        public var inUse: Bool
        public var shared: Bool
        public var usageCount: Int
        public var createdAt: Date?
        /// nil when the record was never used.
        public var lastUsedAt: Date?

        public init(id: String, type: String = "", size: Int64, inUse: Bool, shared: Bool, usageCount: Int = 0,
                    createdAt: Date? = nil, lastUsedAt: Date? = nil) {
            self.id = id
            self.type = type
            self.size = size
            self.inUse = inUse
            self.shared = shared
            self.usageCount = usageCount
            self.createdAt = createdAt
            self.lastUsedAt = lastUsedAt
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: AnyKey.self)
            id = c.value("ID", default: "")
            type = c.value("Type", default: "")
            size = c.value("Size", default: 0)
            inUse = c.value("InUse", default: false)
            shared = c.value("Shared", default: false)
            usageCount = c.value("UsageCount", default: 0)
            createdAt = Self.date(c.value("CreatedAt", default: ""))
            lastUsedAt = Self.date(c.value("LastUsedAt", default: ""))
        }

        /// RFC 3339 with or without fractional seconds, as Go's time.Time marshals.
        static func date(_ text: String) -> Date? {
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            if let date = formatter.date(from: text) { return date }
            formatter.formatOptions = [.withInternetDateTime]
            return formatter.date(from: text)
        }
    }

    public var layersSize: Int64
    public var images: [ImageSummary]
    public var containers: [ContainerSummary]
    public var volumes: [Volume]
    public var buildCache: [BuildCacheRecord]

    public init(
        layersSize: Int64, images: [ImageSummary] = [], containers: [ContainerSummary] = [],
        volumes: [Volume] = [], buildCache: [BuildCacheRecord] = []
    ) {
        self.layersSize = layersSize
        self.images = images
        self.containers = containers
        self.volumes = volumes
        self.buildCache = buildCache
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        layersSize = c.value("LayersSize", default: 0)
        images = c.value("Images", default: [])
        containers = c.value("Containers", default: [])
        volumes = c.value("Volumes", default: [])
        buildCache = c.value("BuildCache", default: [])
    }
}
