/// The subset of `GET /info` that `docker info`'s server section shows and dmux uses.
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
    }
}
