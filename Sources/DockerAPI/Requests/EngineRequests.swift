import Foundation

/// Static builders, one per Engine API endpoint dmux uses. Query names and "set only when
/// non-default" rules follow the Go client (moby client/), so the daemon sees what `docker` sends.
public enum EngineRequests {
    // MARK: system

    /// `HEAD /_ping` first; `GET /_ping` as the fallback (moby client/ping.go). Unversioned.
    public static func ping(head: Bool = true) -> APIRequest {
        APIRequest(method: head ? "HEAD" : "GET", path: "/_ping", isVersioned: false)
    }

    public static func version() -> APIRequest { get("/version") }
    public static func info() -> APIRequest { get("/info") }
    public static func diskUsage() -> APIRequest { get("/system/df") }

    public static func events(since: String? = nil, until: String? = nil, filters: Filters = Filters()) -> APIRequest {
        var q: [QueryItem] = []
        if let since, !since.isEmpty { q.append(QueryItem("since", since)) }
        if let until, !until.isEmpty { q.append(QueryItem("until", until)) }
        return get("/events", query: q + filters.queryItems)
    }

    // MARK: containers

    public static func listContainers(all: Bool = false, limit: Int = 0, size: Bool = false, filters: Filters = Filters()) -> APIRequest {
        var q: [QueryItem] = []
        if all { q.append(QueryItem("all", "1")) }
        if limit > 0 { q.append(QueryItem("limit", String(limit))) }
        if size { q.append(QueryItem("size", "1")) }
        return get("/containers/json", query: q + filters.queryItems)
    }

    public static func inspectContainer(_ id: String, size: Bool = false) -> APIRequest {
        get("/containers/\(id)/json", query: size ? [QueryItem("size", "1")] : [])
    }

    /// `since`/`until` are passed as given: the caller turns `10m` into a Unix timestamp first.
    public static func containerLogs(
        _ id: String, follow: Bool = false, tail: String? = nil, since: String? = nil, until: String? = nil,
        timestamps: Bool = false, stdout: Bool = true, stderr: Bool = true
    ) -> APIRequest {
        var q: [QueryItem] = []
        if stdout { q.append(QueryItem("stdout", "1")) }
        if stderr { q.append(QueryItem("stderr", "1")) }
        if let since, !since.isEmpty { q.append(QueryItem("since", since)) }
        if let until, !until.isEmpty { q.append(QueryItem("until", until)) }
        if timestamps { q.append(QueryItem("timestamps", "1")) }
        if follow { q.append(QueryItem("follow", "1")) }
        if let tail, !tail.isEmpty { q.append(QueryItem("tail", tail)) }
        return get("/containers/\(id)/logs", query: q)
    }

    /// `stream` is always sent, as the Go client does; `oneShot` only with `stream=false`.
    public static func stats(_ id: String, stream: Bool = true, oneShot: Bool = false) -> APIRequest {
        var q = [QueryItem("stream", stream ? "1" : "0")]
        if oneShot && !stream { q.append(QueryItem("one-shot", "1")) }
        return get("/containers/\(id)/stats", query: q)
    }

    public static func top(_ id: String, psArgs: [String] = []) -> APIRequest {
        get("/containers/\(id)/top", query: psArgs.isEmpty ? [] : [QueryItem("ps_args", psArgs.joined(separator: " "))])
    }

    public static func start(_ id: String) -> APIRequest { post("/containers/\(id)/start") }

    public static func stop(_ id: String, timeout: Int? = nil, signal: String? = nil) -> APIRequest {
        post("/containers/\(id)/stop", query: stopQuery(timeout: timeout, signal: signal))
    }

    public static func restart(_ id: String, timeout: Int? = nil, signal: String? = nil) -> APIRequest {
        post("/containers/\(id)/restart", query: stopQuery(timeout: timeout, signal: signal))
    }

    public static func kill(_ id: String, signal: String? = nil) -> APIRequest {
        var q: [QueryItem] = []
        if let signal, !signal.isEmpty { q.append(QueryItem("signal", signal)) }
        return post("/containers/\(id)/kill", query: q)
    }

    public static func remove(_ id: String, force: Bool = false, volumes: Bool = false) -> APIRequest {
        var q: [QueryItem] = []
        if volumes { q.append(QueryItem("v", "1")) }
        if force { q.append(QueryItem("force", "1")) }
        return APIRequest(method: "DELETE", path: "/containers/\(id)", query: q)
    }

    public static func pause(_ id: String) -> APIRequest { post("/containers/\(id)/pause") }
    public static func unpause(_ id: String) -> APIRequest { post("/containers/\(id)/unpause") }

    public static func create(name: String? = nil, config: ContainerCreateConfig) -> APIRequest {
        var q: [QueryItem] = []
        if let name, !name.isEmpty { q.append(QueryItem("name", name)) }
        return post("/containers/create", query: q, json: config)
    }

    /// `condition`: `not-running` (default on the daemon), `next-exit` or `removed`.
    public static func wait(_ id: String, condition: String? = nil) -> APIRequest {
        var q: [QueryItem] = []
        if let condition, !condition.isEmpty { q.append(QueryItem("condition", condition)) }
        return post("/containers/\(id)/wait", query: q)
    }

    /// Hijacked: `POST /containers/{id}/attach?stream=1&stdin=1&stdout=1&stderr=1` (moby client/container_attach.go).
    public static func attach(
        _ id: String, stdin: Bool = false, stdout: Bool = true, stderr: Bool = true, logs: Bool = false,
        detachKeys: String? = nil
    ) -> APIRequest {
        var q = [QueryItem("stream", "1")]
        if stdin { q.append(QueryItem("stdin", "1")) }
        if stdout { q.append(QueryItem("stdout", "1")) }
        if stderr { q.append(QueryItem("stderr", "1")) }
        if logs { q.append(QueryItem("logs", "1")) }
        if let detachKeys, !detachKeys.isEmpty { q.append(QueryItem("detachKeys", detachKeys)) }
        return APIRequest(
            method: "POST", path: "/containers/\(id)/attach", query: q,
            headers: [HeaderField("Content-Type", "text/plain")] + upgradeHeaders, upgradesToRawStream: true)
    }

    public static func resizeContainer(_ id: String, height: Int, width: Int) -> APIRequest {
        post("/containers/\(id)/resize", query: [QueryItem("h", String(height)), QueryItem("w", String(width))])
    }

    // MARK: exec

    public static func createExec(
        _ id: String, cmd: [String], tty: Bool = false, stdin: Bool = false, env: [String]? = nil,
        workingDir: String? = nil, user: String? = nil, privileged: Bool = false
    ) -> APIRequest {
        createExec(id, config: ExecCreateConfig(
            cmd: cmd, tty: tty, attachStdin: stdin, env: env, workingDir: workingDir, user: user, privileged: privileged))
    }

    public static func createExec(_ id: String, config: ExecCreateConfig) -> APIRequest {
        post("/containers/\(id)/exec", json: config)
    }

    /// Hijacked unless `detach`: body `{"Detach":false,"Tty":false[,"ConsoleSize":[h,w]]}`.
    public static func startExec(_ id: String, tty: Bool = false, detach: Bool = false, consoleSize: (height: Int, width: Int)? = nil) -> APIRequest {
        var body = "{\"Detach\":\(detach),\"Tty\":\(tty)"
        if let consoleSize { body += ",\"ConsoleSize\":[\(consoleSize.height),\(consoleSize.width)]" }
        body += "}"
        return APIRequest(
            method: "POST", path: "/exec/\(id)/start",
            headers: [HeaderField("Content-Type", "application/json")] + (detach ? [] : upgradeHeaders),
            body: Array(body.utf8), upgradesToRawStream: !detach)
    }

    public static func inspectExec(_ id: String) -> APIRequest { get("/exec/\(id)/json") }

    public static func resizeExec(_ id: String, height: Int, width: Int) -> APIRequest {
        post("/exec/\(id)/resize", query: [QueryItem("h", String(height)), QueryItem("w", String(width))])
    }

    // MARK: images

    public static func listImages(all: Bool = false, filters: Filters = Filters()) -> APIRequest {
        get("/images/json", query: (all ? [QueryItem("all", "1")] : []) + filters.queryItems)
    }

    public static func inspectImage(_ name: String) -> APIRequest { get("/images/\(name)/json") }

    public static func inspectNetwork(_ name: String) -> APIRequest { get("/networks/\(name)") }

    public static func inspectVolume(_ name: String) -> APIRequest { get("/volumes/\(name)") }

    public static func listNetworks(filters: Filters = Filters()) -> APIRequest {
        get("/networks", query: filters.queryItems)
    }

    public static func listVolumes(filters: Filters = Filters()) -> APIRequest {
        get("/volumes", query: filters.queryItems)
    }

    /// `POST /images/create?fromImage=&tag=`; streams JSONMessage lines (moby client/pkg/jsonmessage/jsonmessage.go).
    public static func pull(image: String, tag: String? = nil) -> APIRequest {
        var q = [QueryItem("fromImage", image)]
        if let tag, !tag.isEmpty { q.append(QueryItem("tag", tag)) }
        return post("/images/create", query: q)
    }

    public static func removeImage(_ name: String, force: Bool = false, noPrune: Bool = false) -> APIRequest {
        var q: [QueryItem] = []
        if force { q.append(QueryItem("force", "1")) }
        if noPrune { q.append(QueryItem("noprune", "1")) }
        return APIRequest(method: "DELETE", path: "/images/\(name)", query: q)
    }

    // MARK: raw

    /// A user-typed request: `path` may carry a `?query`, which is decoded into items.
    /// A `/vX.Y` prefix in `path` is kept and the request sent unversioned.
    public static func raw(method: String, path: String, body: [UInt8]? = nil) -> APIRequest {
        var p = path.hasPrefix("/") ? path : "/" + path
        var q: [QueryItem] = []
        if let mark = p.firstIndex(of: "?") {
            let query = p[p.index(after: mark)...]
            p = String(p[..<mark])
            for pair in query.split(separator: "&") where !pair.isEmpty {
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                q.append(QueryItem(
                    PercentEncoding.decodeQueryComponent(String(parts[0])),
                    parts.count > 1 ? PercentEncoding.decodeQueryComponent(String(parts[1])) : ""))
            }
        }
        let alreadyVersioned = p.split(separator: "/").first.map { APIVersion(String($0)) != nil && $0.hasPrefix("v") } ?? false
        var headers: [HeaderField] = []
        if let body, !body.isEmpty { headers.append(HeaderField("Content-Type", "application/json")) }
        return APIRequest(
            method: method.uppercased(), path: p, query: q, headers: headers, body: body,
            isVersioned: !alreadyVersioned && p != "/_ping")
    }

    // MARK: helpers

    static let upgradeHeaders = [HeaderField("Connection", "Upgrade"), HeaderField("Upgrade", "tcp")]

    private static func stopQuery(timeout: Int?, signal: String?) -> [QueryItem] {
        var q: [QueryItem] = []
        if let signal, !signal.isEmpty { q.append(QueryItem("signal", signal)) }
        if let timeout { q.append(QueryItem("t", String(timeout))) }
        return q
    }

    private static func get(_ path: String, query: [QueryItem] = []) -> APIRequest {
        APIRequest(method: "GET", path: path, query: query)
    }

    private static func post(_ path: String, query: [QueryItem] = []) -> APIRequest {
        APIRequest(method: "POST", path: path, query: query)
    }

    private static func post(_ path: String, query: [QueryItem] = [], json: some Encodable) -> APIRequest {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let body = (try? encoder.encode(json)).map { [UInt8]($0) } ?? Array("{}".utf8)
        return APIRequest(
            method: "POST", path: path, query: query,
            headers: [HeaderField("Content-Type", "application/json")], body: body)
    }
}
