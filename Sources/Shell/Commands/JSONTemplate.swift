import Core
import DockerAPI

/// `--format` over an engine's whole answer (inspect, info, version): docker's Go template over
/// the decoded answer. `inspect` sees the JSON as docker's raw fallback does (a map, where a
/// missing struct field is `map has no entry for key`); `info` and `version` see typed roots.
struct JSONTemplate: Sendable {
    /// The Go struct docker executes the template over, for its error texts; nil for a map.
    struct Root: Sendable {
        var goTypeName: String
        var children: [String: String] = [:]

        static let info = Root(goTypeName: "system.dockerInfo", children: ["Swarm": "swarm.Info"])
        static let version = Root(goTypeName: "system.versionInfo", children: ["Server": "*types.Version"])
    }

    private let template: GoTemplate
    private let root: Root?

    /// Parse errors read as docker's: `template parsing error: template: :1: …`.
    init(_ source: String, name: String = "", root: Root? = nil) throws(ShellUsageError) {
        do {
            template = try GoTemplate(source, name: name)
        } catch {
            throw ShellUsageError("template parsing error: \(error)")
        }
        self.root = root
    }

    /// The template applied to `json`; a failure is that host's, in Go's words.
    func render(_ json: JSONValue) throws(GoTemplateError) -> String {
        guard let root else { return try template.execute(TemplateValue(json)) }
        return try template.execute(.record(TemplateStruct(json, goTypeName: root.goTypeName, children: root.children)))
    }
}
