import Core

/// Requests that move images between registries, engines and files (moby
/// api/swagger.yaml). Credentials arrive already encoded: DockerAPI holds no secrets.
extension EngineRequests {
    /// `POST /auth`: the engine logs in to the registry on our behalf (`docker login`).
    public static func registryLogin(json: String) -> APIRequest {
        APIRequest(
            method: "POST", path: "/auth",
            headers: [HeaderField("Content-Type", "application/json")], body: Array(json.utf8))
    }

    /// `POST /images/NAME/push?tag=T` with `X-Registry-Auth`; streams JSONMessage lines.
    public static func push(repository: String, tag: String?, registryAuth: String) -> APIRequest {
        var query: [QueryItem] = []
        if let tag, !tag.isEmpty { query.append(QueryItem("tag", tag)) }
        return APIRequest(
            method: "POST", path: "/images/\(repository)/push", query: query,
            headers: [HeaderField("X-Registry-Auth", registryAuth)])
    }

    /// `POST /images/SOURCE/tag?repo=R&tag=T` → 201.
    public static func tag(_ source: String, repository: String, tag: String?) -> APIRequest {
        var query = [QueryItem("repo", repository)]
        if let tag, !tag.isEmpty { query.append(QueryItem("tag", tag)) }
        return APIRequest(method: "POST", path: "/images/\(source)/tag", query: query)
    }

    /// `GET /images/get?names=A&names=B`: the `docker save` tar, streamed.
    public static func saveImages(_ names: [String]) -> APIRequest {
        APIRequest(method: "GET", path: "/images/get", query: names.map { QueryItem("names", $0) })
    }

    /// `POST /images/load?quiet=Q` whose tar body the caller streams.
    public static func loadImages(quiet: Bool) -> APIRequest {
        APIRequest(
            method: "POST", path: "/images/load", query: [QueryItem("quiet", quiet ? "1" : "0")],
            headers: [HeaderField("Content-Type", "application/x-tar")], streamsBody: true)
    }
}

/// The options of a classic-builder build (`DOCKER_BUILDKIT=0 docker build`).
public struct BuildOptions: Sendable {
    public var tags: [String] = []
    public var dockerfile: String = "Dockerfile"
    /// `--build-arg KEY=VALUE`; a nil value is `--build-arg KEY` with KEY unset here (JSON null).
    public var buildArgs: [(String, String?)] = []
    public var labels: [(String, String)] = []
    public var target: String?
    public var noCache = false
    public var pull = false
    public init() {}
}

extension EngineRequests {
    /// `POST /build?version=1…` whose context tar the caller streams (moby client/image_build.go).
    public static func build(_ options: BuildOptions, registryConfig: String) -> APIRequest {
        var query = options.tags.map { QueryItem("t", $0) }
        query.append(QueryItem("dockerfile", options.dockerfile))
        if !options.buildArgs.isEmpty {
            let members = options.buildArgs.map { ($0.0, $0.1.map(JSONValue.string) ?? .null) }
            query.append(QueryItem("buildargs", JSONValue.object(members.sorted { $0.0 < $1.0 }).compact))
        }
        if !options.labels.isEmpty {
            query.append(QueryItem("labels", JSONValue.object(options.labels.map { ($0.0, .string($0.1)) }.sorted { $0.0 < $1.0 }).compact))
        }
        if let target = options.target, !target.isEmpty { query.append(QueryItem("target", target)) }
        if options.noCache { query.append(QueryItem("nocache", "1")) }
        if options.pull { query.append(QueryItem("pull", "1")) }
        query.append(QueryItem("rm", "1"))
        query.append(QueryItem("version", "1"))
        return APIRequest(
            method: "POST", path: "/build", query: query,
            headers: [HeaderField("Content-Type", "application/x-tar"), HeaderField("X-Registry-Config", registryConfig)],
            streamsBody: true)
    }
}
