/// Requests that move images between registries, engines and files (docker-reference §8, §9;
/// moby api/swagger.yaml). Credentials arrive already encoded: DockerAPI holds no secrets.
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
