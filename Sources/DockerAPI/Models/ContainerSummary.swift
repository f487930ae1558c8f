import Core

/// One entry of `GET /containers/json`.
public struct ContainerSummary: Decodable, Sendable, Hashable {
    public struct Port: Decodable, Sendable, Hashable {
        public var ip: String?
        public var privatePort: Int
        public var publicPort: Int?
        public var type: String

        public init(ip: String? = nil, privatePort: Int, publicPort: Int? = nil, type: String = "tcp") {
            self.ip = ip
            self.privatePort = privatePort
            self.publicPort = publicPort
            self.type = type
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: AnyKey.self)
            ip = c.optional("IP")
            // uint16 in moby's api/types Port: a number out of range is no port (as a type
            // mismatch is), so the PORTS column's range arithmetic never meets Int.max.
            privatePort = Int(c.value("PrivatePort", default: UInt16(0)))
            publicPort = (c.optional("PublicPort") as UInt16?).map(Int.init)
            type = c.value("Type", default: "tcp")
        }
    }

    public struct Mount: Decodable, Sendable, Hashable {
        public var name: String
        public var source: String
        public var driver: String

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: AnyKey.self)
            name = c.value("Name", default: "")
            source = c.value("Source", default: "")
            driver = c.value("Driver", default: "")
        }
    }

    public var id: String
    public var names: [String]
    public var image: String
    public var imageID: String
    public var command: String
    /// Unix seconds.
    public var created: Int64
    public var ports: [Port]
    public var labels: [String: String]
    public var state: String
    /// Already human-formatted by the daemon ("Up 2 minutes", "Exited (0) 3 seconds ago").
    public var status: String
    public var sizeRw: Int64?
    public var sizeRootFs: Int64?
    public var mounts: [Mount]
    /// Names of the networks in `NetworkSettings.Networks`, sorted.
    public var networks: [String]

    public init(
        id: String, names: [String] = [], image: String = "", imageID: String = "", command: String = "",
        created: Int64 = 0, ports: [Port] = [], labels: [String: String] = [:], state: String = "",
        status: String = "", sizeRw: Int64? = nil, sizeRootFs: Int64? = nil
    ) {
        self.id = id
        self.names = names
        self.image = image
        self.imageID = imageID
        self.command = command
        self.created = created
        self.ports = ports
        self.labels = labels
        self.state = state
        self.status = status
        self.sizeRw = sizeRw
        self.sizeRootFs = sizeRootFs
        self.mounts = []
        self.networks = []
    }

    private struct NetworkSettings: Decodable {
        var networks: [String: JSONValue]?
        enum CodingKeys: String, CodingKey { case networks = "Networks" }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        id = c.value("Id", default: "")
        names = c.value("Names", default: [])
        image = c.value("Image", default: "")
        imageID = c.value("ImageID", default: "")
        command = c.value("Command", default: "")
        created = c.value("Created", default: 0)
        ports = c.value("Ports", default: [])
        labels = c.value("Labels", default: [:])
        state = c.value("State", default: "")
        status = c.value("Status", default: "")
        sizeRw = c.optional("SizeRw")
        sizeRootFs = c.optional("SizeRootFs")
        mounts = c.value("Mounts", default: [])
        let settings: NetworkSettings? = c.optional("NetworkSettings")
        networks = (settings?.networks ?? [:]).keys.sorted()
    }
}
