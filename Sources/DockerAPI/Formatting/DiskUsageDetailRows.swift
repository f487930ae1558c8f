import Foundation

/// One container of `docker system df -v`: a `docker ps` row whose SIZE is the writable layer
/// alone, without the "(virtual …)" that `ps -s` adds (docker/cli diskUsageContainerContext).
public struct ContainerUsageRow: FormatSubject {
    public static let subjectName = ContainerRow.subjectName
    public static let goTypeName = ContainerRow.goTypeName
    public static let headers = ContainerRow.headers
    public static let defaultTableFormat =
        "table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.LocalVolumes}}\t{{.Size}}\t{{.RunningFor}}\t{{.Status}}\t{{.Names}}"

    public var row: ContainerRow

    public init(_ row: ContainerRow) {
        self.row = row
    }

    public func field(_ name: String) -> String? {
        name == "Size" ? GoUnits.humanSize(Double(row.container.sizeRw ?? 0), precision: 3) : row.field(name)
    }

    public func label(_ key: String) -> String? { row.label(key) }
}

/// One image of `docker system df -v`: an `images` row with the sizes and container count.
public enum ImageUsageRow {
    public static let defaultTableFormat =
        "table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}\t{{.SharedSize}}\t{{.UniqueSize}}\t{{.Containers}}"
}

/// One build cache record of `docker system df -v` (docker/cli formatter/buildcache.go); an ID
/// ending in `*` is in use.
public struct BuildCacheRow: FormatSubject {
    public static let subjectName = "build cache record"
    public static let goTypeName = "*formatter.buildCacheContext"
    public static let headers: [String: String] = [
        "ID": "CACHE ID", "CacheType": "CACHE TYPE", "Size": "SIZE", "CreatedSince": "CREATED",
        "LastUsedSince": "LAST USED", "UsageCount": "USAGE", "Shared": "SHARED",
    ]
    public static let defaultTableFormat =
        "table {{.ID}}\t{{.CacheType}}\t{{.Size}}\t{{.CreatedSince}}\t{{.LastUsedSince}}\t{{.UsageCount}}\t{{.Shared}}"

    public var record: DiskUsage.BuildCacheRecord
    public var truncate: Bool
    public var now: Date

    public init(_ record: DiskUsage.BuildCacheRecord, truncate: Bool = true, now: Date = Date()) {
        self.record = record
        self.truncate = truncate
        self.now = now
    }

    /// The size docker prints after "Build cache usage:": what is not shared with other records.
    public static func total(_ records: [DiskUsage.BuildCacheRecord]) -> String {
        GoUnits.humanSize(Double(records.filter { !$0.shared }.reduce(Int64(0)) { $0 &+ $1.size }))
    }

    public func field(_ name: String) -> String? {
        switch name {
        case "ID":
            (truncate ? DockerColumns.truncateID(record.id) : record.id) + (record.inUse ? "*" : "")
        case "CacheType": record.type
        case "Size": GoUnits.humanSize(Double(record.size), precision: 3)
        case "CreatedSince": record.createdAt.map { ago($0) } ?? ""
        case "LastUsedSince": record.lastUsedAt.map { ago($0) } ?? ""
        case "UsageCount": String(record.usageCount)
        case "Shared": String(record.shared)
        default: nil
        }
    }

    private func ago(_ date: Date) -> String { GoUnits.humanDuration(now.timeIntervalSince(date)) + " ago" }
}
