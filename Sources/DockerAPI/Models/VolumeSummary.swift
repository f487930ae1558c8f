/// One volume of `GET /volumes` (its `Volumes` array), as much as `docker volume ls` shows.
public struct VolumeSummary: Decodable, Sendable, Hashable {
    public var name: String
    public var driver: String
    public var scope: String
    public var mountpoint: String
    public var labels: [String: String]
    /// `UsageData`, which only `GET /system/df` fills in: -1 when unknown.
    public var size: Int64
    public var refCount: Int64

    public init(name: String, driver: String = "local", size: Int64 = -1, refCount: Int64 = -1) {
        self.name = name
        self.driver = driver
        scope = "local"
        mountpoint = ""
        labels = [:]
        self.size = size
        self.refCount = refCount
    }

    /// `GET /volumes` answers `{"Volumes": […], "Warnings": […]}`.
    public struct List: Decodable, Sendable {
        public var volumes: [VolumeSummary]
        public var warnings: [String]

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: AnyKey.self)
            volumes = c.value("Volumes", default: [])
            warnings = c.value("Warnings", default: [])
        }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        name = c.value("Name", default: "")
        driver = c.value("Driver", default: "")
        scope = c.value("Scope", default: "")
        mountpoint = c.value("Mountpoint", default: "")
        labels = c.value("Labels", default: [:])
        let usage = try? c.nestedContainer(keyedBy: AnyKey.self, forKey: "UsageData")
        size = usage?.value("Size", default: -1) ?? -1
        refCount = usage?.value("RefCount", default: -1) ?? -1
    }
}
