import Foundation

/// The endpoints behind docker's everyday container, image, network and volume subcommands
/// (prune, rename, update, diff, history, cp, network and volume create/rm/connect). Query names
/// follow the Go client (moby client/*.go) as the rest of `EngineRequests` does.
extension EngineRequests {
    /// What a `POST /{kind}/prune` removes.
    public enum PruneTarget: String, Sendable, CaseIterable {
        case containers, images, networks, volumes
        /// `POST /build/prune`: the classic builder's cache (`docker system prune` includes it).
        case buildCache = "build"
    }

    /// `POST /containers/prune?filters=…` and its siblings (client/*_prune.go); build cache takes `all`.
    public static func prune(_ target: PruneTarget, filters: Filters = Filters(), all: Bool = false) -> APIRequest {
        var q = filters.queryItems
        if target == .buildCache && all { q.append(QueryItem("all", "1")) }
        return APIRequest(method: "POST", path: "/\(target.rawValue)/prune", query: q)
    }

    public static func rename(_ id: String, to name: String) -> APIRequest {
        APIRequest(method: "POST", path: "/containers/\(id)/rename", query: [QueryItem("name", name)])
    }

    /// `POST /containers/{id}/update` with docker's `UpdateConfig` (only the fields given).
    public static func update(_ id: String, config: [String: JSONValue]) -> APIRequest {
        let members = config.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        return APIRequest(
            method: "POST", path: "/containers/\(id)/update",
            headers: [HeaderField("Content-Type", "application/json")], body: Array(JSONValue.object(members).compact.utf8))
    }

    public static func changes(_ id: String) -> APIRequest {
        APIRequest(method: "GET", path: "/containers/\(id)/changes")
    }

    public static func history(_ image: String) -> APIRequest {
        APIRequest(method: "GET", path: "/images/\(image)/history")
    }

    /// `GET /containers/{id}/archive?path=`: a tar of the path, its stat in `X-Docker-Container-Path-Stat`.
    public static func archive(_ id: String, path: String) -> APIRequest {
        APIRequest(method: "GET", path: "/containers/\(id)/archive", query: [QueryItem("path", path)])
    }

    /// `HEAD /containers/{id}/archive?path=`: only the stat header.
    public static func statPath(_ id: String, path: String) -> APIRequest {
        APIRequest(method: "HEAD", path: "/containers/\(id)/archive", query: [QueryItem("path", path)])
    }

    /// `PUT /containers/{id}/archive?path=DIR`: a tar stream extracted into the directory
    /// (client/container_copy.go CopyToContainer; `copyUIDGID` for `cp -a`).
    public static func extractArchive(_ id: String, directory: String, copyUIDGID: Bool = false) -> APIRequest {
        var q = [QueryItem("path", directory), QueryItem("noOverwriteDirNonDir", "true")]
        if copyUIDGID { q.append(QueryItem("copyUIDGID", "true")) }
        return APIRequest(
            method: "PUT", path: "/containers/\(id)/archive", query: q,
            headers: [HeaderField("Content-Type", "application/x-tar")], streamsBody: true)
    }

    /// `POST /networks/create` with the body docker's `network create` sends (the flags given).
    public static func createNetwork(_ body: JSONValue) -> APIRequest {
        APIRequest(
            method: "POST", path: "/networks/create",
            headers: [HeaderField("Content-Type", "application/json")], body: Array(body.compact.utf8))
    }

    public static func removeNetwork(_ name: String) -> APIRequest {
        APIRequest(method: "DELETE", path: "/networks/\(name)")
    }

    /// `POST /networks/{id}/connect|disconnect` with `{"Container":…}` (plus `EndpointConfig` or `Force`).
    public static func connectNetwork(_ network: String, disconnect: Bool = false, body: JSONValue) -> APIRequest {
        APIRequest(
            method: "POST", path: "/networks/\(network)/\(disconnect ? "disconnect" : "connect")",
            headers: [HeaderField("Content-Type", "application/json")], body: Array(body.compact.utf8))
    }

    public static func createVolume(_ body: JSONValue) -> APIRequest {
        APIRequest(
            method: "POST", path: "/volumes/create",
            headers: [HeaderField("Content-Type", "application/json")], body: Array(body.compact.utf8))
    }

    public static func removeVolume(_ name: String, force: Bool = false) -> APIRequest {
        APIRequest(method: "DELETE", path: "/volumes/\(name)", query: force ? [QueryItem("force", "1")] : [])
    }
}
