/// The parts of `GET /containers/{id}/json` dmux needs; above all `Config.Tty`, which decides
/// whether logs/attach are multiplexed (moby api/pkg/stdcopy/stdcopy.go).
public struct ContainerInspect: Decodable, Sendable, Hashable {
    public struct Config: Decodable, Sendable, Hashable {
        public var tty: Bool
        public var openStdin: Bool
        public var image: String
        public var cmd: [String]
        public var entrypoint: [String]
        public var env: [String]
        public var labels: [String: String]
        public var workingDir: String
        public var user: String

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: AnyKey.self)
            tty = c.value("Tty", default: false)
            openStdin = c.value("OpenStdin", default: false)
            image = c.value("Image", default: "")
            cmd = c.value("Cmd", default: [])
            entrypoint = c.value("Entrypoint", default: [])
            env = c.value("Env", default: [])
            labels = c.value("Labels", default: [:])
            workingDir = c.value("WorkingDir", default: "")
            user = c.value("User", default: "")
        }
    }

    public struct State: Decodable, Sendable, Hashable {
        public var status: String
        public var running: Bool
        public var paused: Bool
        public var restarting: Bool
        public var oomKilled: Bool
        public var dead: Bool
        public var pid: Int
        public var exitCode: Int
        public var error: String
        public var startedAt: String
        public var finishedAt: String

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: AnyKey.self)
            status = c.value("Status", default: "")
            running = c.value("Running", default: false)
            paused = c.value("Paused", default: false)
            restarting = c.value("Restarting", default: false)
            oomKilled = c.value("OOMKilled", default: false)
            dead = c.value("Dead", default: false)
            pid = c.value("Pid", default: 0)
            exitCode = c.value("ExitCode", default: 0)
            error = c.value("Error", default: "")
            startedAt = c.value("StartedAt", default: "")
            finishedAt = c.value("FinishedAt", default: "")
        }
    }

    public var id: String
    /// With the leading `/`, as the API returns it.
    public var name: String
    public var image: String
    public var created: String
    public var config: Config?
    public var state: State?

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        id = c.value("Id", default: "")
        name = c.value("Name", default: "")
        image = c.value("Image", default: "")
        created = c.value("Created", default: "")
        config = c.optional("Config")
        state = c.optional("State")
    }

    /// Whether output is raw TTY bytes (true) or stdcopy frames (false).
    public var isTTY: Bool { config?.tty ?? false }
}
