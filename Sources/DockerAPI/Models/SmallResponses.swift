/// `POST /containers/create` and `POST /containers/{id}/exec` answers: `{"Id":…,"Warnings":[…]}`.
public struct CreatedResponse: Decodable, Sendable, Hashable {
    public var id: String
    public var warnings: [String]

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        id = c.value("Id", default: "")
        warnings = c.value("Warnings", default: [])
    }
}

public typealias ContainerCreated = CreatedResponse
public typealias ExecCreated = CreatedResponse

/// `GET /exec/{id}/json`: the exit code once `Running` is false.
public struct ExecInspect: Decodable, Sendable, Hashable {
    public var id: String
    public var running: Bool
    public var exitCode: Int?
    public var containerID: String
    public var pid: Int

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        id = c.value("ID", default: "")
        running = c.value("Running", default: false)
        exitCode = c.optional("ExitCode")
        containerID = c.value("ContainerID", default: "")
        pid = c.value("Pid", default: 0)
    }
}

/// `POST /containers/{id}/wait`: `{"StatusCode":0,"Error":{"Message":…}}`.
public struct WaitResponse: Decodable, Sendable, Hashable {
    public var statusCode: Int
    public var errorMessage: String?

    private struct WaitError: Decodable {
        var message: String?
        enum CodingKeys: String, CodingKey { case message = "Message" }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        statusCode = c.value("StatusCode", default: 0)
        let error: WaitError? = c.optional("Error")
        errorMessage = error?.message.flatMap { $0.isEmpty ? nil : $0 }
    }
}

/// `GET /containers/{id}/top`.
public struct ContainerTop: Decodable, Sendable, Hashable {
    public var titles: [String]
    public var processes: [[String]]

    public init(titles: [String], processes: [[String]]) {
        self.titles = titles
        self.processes = processes
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        titles = c.value("Titles", default: [])
        processes = c.value("Processes", default: [])
    }
}
