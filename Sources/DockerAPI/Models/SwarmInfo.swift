/// `Swarm` of `GET /info`: this node's part in a swarm, and the cluster's settings on a manager.
public struct SwarmInfo: Decodable, Sendable, Hashable {
    public var localNodeState = ""
    public var nodeID = ""
    public var nodeAddr = ""
    public var error = ""
    public var controlAvailable = false
    /// The managers' addresses, sorted as docker prints them.
    public var managerAddresses: [String] = []
    public var nodes = 0
    public var managers = 0
    public var cluster: Cluster?

    /// `Swarm.Cluster`, present on managers.
    public struct Cluster: Decodable, Sendable, Hashable {
        public var id: String
        public var defaultAddressPool: [String]?
        public var subnetSize: Int
        public var dataPathPort: Int
        public var rootRotationInProgress: Bool
        public var taskHistoryRetentionLimit: Int64
        public var snapshotInterval: UInt64
        public var keepOldSnapshots: UInt64?
        public var heartbeatTick: Int
        public var electionTick: Int
        /// Nanoseconds, as Go's time.Duration.
        public var dispatcherHeartbeatPeriod: Int64
        public var nodeCertExpiry: Int64
        public var forceRotate: UInt64
        public var signingCACert: String
        public var externalCAs: [ExternalCA]
        public var autoLockManagers: Bool

        public struct ExternalCA: Decodable, Sendable, Hashable {
            public var `protocol`: String
            public var url: String

            public init(from decoder: any Decoder) throws {
                let c = try decoder.container(keyedBy: AnyKey.self)
                `protocol` = c.value("Protocol", default: "")
                url = c.value("URL", default: "")
            }
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: AnyKey.self)
            id = c.value("ID", default: "")
            defaultAddressPool = c.optional("DefaultAddrPool")
            subnetSize = c.value("SubnetSize", default: 0)
            dataPathPort = c.value("DataPathPort", default: 0)
            rootRotationInProgress = c.value("RootRotationInProgress", default: false)
            let spec = try? c.nestedContainer(keyedBy: AnyKey.self, forKey: "Spec")
            func section(_ name: AnyKey) -> KeyedDecodingContainer<AnyKey>? {
                try? spec?.nestedContainer(keyedBy: AnyKey.self, forKey: name)
            }
            let raft = section("Raft"), ca = section("CAConfig")
            taskHistoryRetentionLimit = section("Orchestration")?.value("TaskHistoryRetentionLimit", default: 0) ?? 0
            snapshotInterval = raft?.value("SnapshotInterval", default: 0) ?? 0
            keepOldSnapshots = raft?.optional("KeepOldSnapshots")
            heartbeatTick = raft?.value("HeartbeatTick", default: 0) ?? 0
            electionTick = raft?.value("ElectionTick", default: 0) ?? 0
            dispatcherHeartbeatPeriod = section("Dispatcher")?.value("HeartbeatPeriod", default: 0) ?? 0
            nodeCertExpiry = ca?.value("NodeCertExpiry", default: 0) ?? 0
            forceRotate = ca?.value("ForceRotate", default: 0) ?? 0
            signingCACert = ca?.value("SigningCACert", default: "") ?? ""
            externalCAs = ca?.value("ExternalCAs", default: []) ?? []
            autoLockManagers = section("EncryptionConfig")?.value("AutoLockManagers", default: false) ?? false
        }
    }

    init() {}

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        localNodeState = c.value("LocalNodeState", default: "")
        nodeID = c.value("NodeID", default: "")
        nodeAddr = c.value("NodeAddr", default: "")
        error = c.value("Error", default: "")
        controlAvailable = c.value("ControlAvailable", default: false)
        let remotes: [[String: String]] = c.value("RemoteManagers", default: [])
        managerAddresses = remotes.compactMap { $0["Addr"] }.sorted()
        nodes = c.value("Nodes", default: 0)
        managers = c.value("Managers", default: 0)
        cluster = c.optional("Cluster")
    }
}
