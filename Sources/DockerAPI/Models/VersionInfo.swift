import Core

/// `GET /version`.
public struct VersionInfo: Decodable, Sendable, Hashable {
    public struct Component: Decodable, Sendable, Hashable {
        public var name: String
        public var version: String
        public var details: [String: String]

        public init(name: String, version: String, details: [String: String] = [:]) {
            self.name = name
            self.version = version
            self.details = details
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: AnyKey.self)
            name = c.value("Name", default: "")
            version = c.value("Version", default: "")
            let raw: [String: JSONValue] = c.value("Details", default: [:])
            details = raw.compactMapValues(\.text)
        }
    }

    public var platformName: String
    public var components: [Component]
    public var version: String
    public var apiVersion: String
    public var minAPIVersion: String
    public var gitCommit: String
    public var goVersion: String
    public var os: String
    public var arch: String
    public var kernelVersion: String
    public var experimental: Bool
    public var buildTime: String

    private struct Platform: Decodable {
        var name: String?
        enum CodingKeys: String, CodingKey { case name = "Name" }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        let platform: Platform? = c.optional("Platform")
        platformName = platform?.name ?? ""
        components = c.value("Components", default: [])
        version = c.value("Version", default: "")
        apiVersion = c.value("ApiVersion", default: "")
        minAPIVersion = c.value("MinAPIVersion", default: "")
        gitCommit = c.value("GitCommit", default: "")
        goVersion = c.value("GoVersion", default: "")
        os = c.value("Os", default: "")
        arch = c.value("Arch", default: "")
        kernelVersion = c.value("KernelVersion", default: "")
        experimental = c.value("Experimental", default: false)
        buildTime = c.value("BuildTime", default: "")
    }
}
