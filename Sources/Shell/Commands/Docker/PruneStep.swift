import DockerAPI
import FanOut

/// One `POST /…/prune` on one host and what docker prints for it: "Deleted Containers:" and the
/// IDs, and the bytes it counts as reclaimed (docker/cli cli/command/{container,image,network,
/// volume,builder}/prune.go, runPrune).
struct PruneStep: Sendable {
    let target: EngineRequests.PruneTarget
    let filters: Filters
    /// `image prune -a`, `volume prune -a`, `system prune -a` (build cache: all of it).
    let all: Bool

    /// What one host answered, as docker words it.
    struct Result: Sendable {
        /// docker's block ("Deleted Images:\nuntagged: …\n"), empty when nothing was deleted.
        var output: String
        var spaceReclaimed: UInt64
        /// The engine's own answer, for the json shape.
        var json: JSONValue
    }

    /// The request as docker's CLI builds it: `image prune` adds `dangling=true` unless `-a`;
    /// `volume prune -a` adds `all=true` from API 1.42, where anonymous volumes became the default.
    func request(apiVersion: APIVersion?) throws(Refusal) -> APIRequest {
        var filters = filters
        switch target {
        case .images:
            filters.add("dangling", all ? "false" : "true")
        case .volumes where all:
            guard let apiVersion, apiVersion >= Self.volumeAllVersion else {
                // cmd/docker/docker.go: a flag newer than the engine's API.
                throw .init("\"--all\" requires API version \(Self.volumeAllVersion), but the Docker daemon API version is \(apiVersion?.description ?? "unknown")")
            }
            guard filters.values["all"] == nil else {
                throw .init("conflicting options: cannot specify both --all and --filter all=1")
            }
            filters.add("all", "true")
        default:
            break
        }
        return EngineRequests.prune(target, filters: filters, all: target == .buildCache && all)
    }

    /// A flag combination docker refuses before sending anything, in its words.
    struct Refusal: Error {
        let message: String
        init(_ message: String) { self.message = message }
    }

    static let volumeAllVersion = APIVersion(major: 1, minor: 42)

    func run(on host: HostSession) async throws -> Result {
        let request: APIRequest
        do {
            request = try self.request(apiVersion: host.status.apiVersion.flatMap { APIVersion($0) })
        } catch {
            throw HostFailure(host: host.name, kind: .failed, message: error.message, dockerMessage: error.message)
        }
        let (report, json) = try await Invocation.fetch(PruneReport.self, request, from: host)
        return Result(output: Self.output(target, report), spaceReclaimed: Self.space(target, report), json: json)
    }

    /// docker's listing of what went, one ID per line under its heading.
    static func output(_ target: EngineRequests.PruneTarget, _ report: PruneReport) -> String {
        let (heading, lines): (String, [String]) = switch target {
        case .containers: ("Deleted Containers:", report.containersDeleted)
        case .images: ("Deleted Images:", report.imagesDeleted.map { $0.untagged.isEmpty ? "deleted: \($0.deleted)" : "untagged: \($0.untagged)" })
        case .networks: ("Deleted Networks:", report.networksDeleted)
        case .volumes: ("Deleted Volumes:", report.volumesDeleted)
        case .buildCache: ("Deleted build cache objects:", report.cachesDeleted)
        }
        guard !lines.isEmpty else { return "" }
        return ([heading] + lines).map { $0 + "\n" }.joined()
    }

    /// docker counts the space only when something of that kind was deleted (the build cache
    /// always; networks never hold any).
    static func space(_ target: EngineRequests.PruneTarget, _ report: PruneReport) -> UInt64 {
        switch target {
        case .containers: report.containersDeleted.isEmpty ? 0 : report.spaceReclaimed
        case .images: report.imagesDeleted.isEmpty ? 0 : report.spaceReclaimed
        case .volumes: report.volumesDeleted.isEmpty ? 0 : report.spaceReclaimed
        case .networks: 0
        case .buildCache: report.spaceReclaimed
        }
    }
}
