/// What `docker info`'s server section shows of `GET /info`.
public struct SystemInfo: Decodable, Sendable, Hashable {
    public var id: String
    public var name: String
    public var serverVersion: String
    public var containers: Int
    public var containersRunning: Int
    public var containersPaused: Int
    public var containersStopped: Int
    public var images: Int
    public var driver: String
    public var driverStatus: [[String]]
    public var loggingDriver: String
    public var cgroupDriver: String
    public var cgroupVersion: String
    public var defaultRuntime: String
    public var securityOptions: [String]
    public var kernelVersion: String
    public var operatingSystem: String
    public var osVersion: String
    public var osType: String
    public var architecture: String
    public var ncpu: Int
    public var memTotal: Int64
    public var dockerRootDir: String
    public var debug: Bool
    public var experimentalBuild: Bool
    public var liveRestoreEnabled: Bool
    public var labels: [String]
    public var warnings: [String]
    public var systemStatus: [[String]]
    public var plugins: Plugins
    public var swarm: SwarmInfo
    /// The runtimes' names, sorted (the engine sends a map; Go prints it in random order).
    public var runtimeNames: [String]
    public var initBinary: String
    public var containerdCommit: String
    public var runcCommit: String
    public var initCommit: String
    public var isolation: String
    public var fileDescriptors: Int
    public var goroutines: Int
    public var eventsListeners: Int
    public var systemTime: String
    public var httpProxy: String
    public var httpsProxy: String
    public var noProxy: String
    public var userName: String
    /// `RegistryConfig`: insecure registries (index names, then CIDRs, as docker lists them) and mirrors.
    /// Docker heads the insecure list whenever the engine has index configs or CIDRs at all.
    public var insecureRegistries: [String]
    public var listsInsecureRegistries: Bool
    public var registryMirrors: [String]
    public var productLicense: String
    public var defaultAddressPools: [AddressPool]
    public var cdiSpecDirs: [String]

    /// `Plugins`: the names of the engine's volume, network, authorization and log plugins.
    public struct Plugins: Decodable, Sendable, Hashable {
        public var volume: [String] = []
        public var network: [String] = []
        public var authorization: [String] = []
        public var log: [String] = []

        init() {}

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: AnyKey.self)
            volume = c.value("Volume", default: [])
            network = c.value("Network", default: [])
            authorization = c.value("Authorization", default: [])
            log = c.value("Log", default: [])
        }
    }

    public struct AddressPool: Decodable, Sendable, Hashable {
        public var base: String
        public var size: Int

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: AnyKey.self)
            base = c.value("Base", default: "")
            size = c.value("Size", default: 0)
        }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        id = c.value("ID", default: "")
        name = c.value("Name", default: "")
        serverVersion = c.value("ServerVersion", default: "")
        containers = c.value("Containers", default: 0)
        containersRunning = c.value("ContainersRunning", default: 0)
        containersPaused = c.value("ContainersPaused", default: 0)
        containersStopped = c.value("ContainersStopped", default: 0)
        images = c.value("Images", default: 0)
        driver = c.value("Driver", default: "")
        driverStatus = c.value("DriverStatus", default: [])
        loggingDriver = c.value("LoggingDriver", default: "")
        cgroupDriver = c.value("CgroupDriver", default: "")
        cgroupVersion = c.value("CgroupVersion", default: "")
        defaultRuntime = c.value("DefaultRuntime", default: "")
        securityOptions = c.value("SecurityOptions", default: [])
        kernelVersion = c.value("KernelVersion", default: "")
        operatingSystem = c.value("OperatingSystem", default: "")
        osVersion = c.value("OSVersion", default: "")
        osType = c.value("OSType", default: "")
        architecture = c.value("Architecture", default: "")
        ncpu = c.value("NCPU", default: 0)
        memTotal = c.value("MemTotal", default: 0)
        dockerRootDir = c.value("DockerRootDir", default: "")
        debug = c.value("Debug", default: false)
        experimentalBuild = c.value("ExperimentalBuild", default: false)
        liveRestoreEnabled = c.value("LiveRestoreEnabled", default: false)
        labels = c.value("Labels", default: [])
        warnings = c.value("Warnings", default: [])
        systemStatus = c.value("SystemStatus", default: [])
        plugins = c.value("Plugins", default: Plugins())
        swarm = c.value("Swarm", default: SwarmInfo())
        runtimeNames = c.value("Runtimes", default: [String: Ignored]()).keys.sorted()
        initBinary = c.value("InitBinary", default: "")
        containerdCommit = c.value("ContainerdCommit", default: Commit()).id
        runcCommit = c.value("RuncCommit", default: Commit()).id
        initCommit = c.value("InitCommit", default: Commit()).id
        isolation = c.value("Isolation", default: "")
        fileDescriptors = c.value("NFd", default: 0)
        goroutines = c.value("NGoroutines", default: 0)
        eventsListeners = c.value("NEventsListener", default: 0)
        systemTime = c.value("SystemTime", default: "")
        httpProxy = c.value("HttpProxy", default: "")
        httpsProxy = c.value("HttpsProxy", default: "")
        noProxy = c.value("NoProxy", default: "")
        userName = c.value("Username", default: "")
        let registry: RegistryConfig? = c.optional("RegistryConfig")
        listsInsecureRegistries = registry.map { $0.hasIndexConfigs || !$0.insecureCIDRs.isEmpty } ?? false
        insecureRegistries = (registry?.insecureIndexNames ?? []) + (registry?.insecureCIDRs ?? [])
        registryMirrors = registry?.mirrors ?? []
        productLicense = c.value("ProductLicense", default: "")
        defaultAddressPools = c.value("DefaultAddressPools", default: [])
        cdiSpecDirs = c.value("CDISpecDirs", default: [])
    }

    /// Any JSON value, read only to be counted (the runtimes' descriptions).
    private struct Ignored: Decodable {
        init(from decoder: any Decoder) throws {}
    }

    /// `{"ID": …, "Expected": …}` of containerd, runc and init.
    private struct Commit: Decodable {
        var id = ""
        init() {}
        init(from decoder: any Decoder) throws {
            id = try decoder.container(keyedBy: AnyKey.self).value("ID", default: "")
        }
    }

    private struct RegistryConfig: Decodable {
        var insecureIndexNames: [String]
        var hasIndexConfigs: Bool
        var insecureCIDRs: [String]
        var mirrors: [String]

        private struct IndexConfig: Decodable {
            var name: String
            var secure: Bool
            init(from decoder: any Decoder) throws {
                let c = try decoder.container(keyedBy: AnyKey.self)
                name = c.value("Name", default: "")
                secure = c.value("Secure", default: true)
            }
        }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: AnyKey.self)
            let indexes: [String: IndexConfig] = c.value("IndexConfigs", default: [:])
            hasIndexConfigs = !indexes.isEmpty
            insecureIndexNames = indexes.keys.sorted().compactMap { indexes[$0]!.secure ? nil : indexes[$0]!.name }
            insecureCIDRs = c.value("InsecureRegistryCIDRs", default: [])
            mirrors = c.value("Mirrors", default: [])
        }
    }
}
