import DockerAPI
import FanOut

/// `inspect NAME|ID…`: each host prints what it has as docker does (a JSON array, 4-space
/// indent, the engine's key order), or the `-f` template per object; a name a host lacks is
/// that host's failure (`No such object: NAME`), and the hosts that have it still print.
enum InspectCommand {
    /// The kinds of object tried, in docker's order (cli/command/system/inspect.go, swarm objects aside).
    static let kinds: [(name: String, request: @Sendable (String) -> APIRequest)] = [
        ("container", { EngineRequests.inspectContainer($0) }), ("image", EngineRequests.inspectImage),
        ("network", EngineRequests.inspectNetwork), ("volume", EngineRequests.inspectVolume),
    ]

    static let spec: CommandSpec = {
        var spec = CommandSpec(
            name: "inspect", summary: "Return low-level information on containers, images, networks or volumes",
            scope: .engines,
            flags: [
                FlagSpec("format", short: "f", value: "string", help: "Go template over the JSON (.State.Status, json .Config…), or a shape: grouped, lines, json"),
                FlagSpec("type", value: "string", help: "Only inspect objects of this type: container, image, network or volume",
                         completion: .values(kinds.map(\.name))),
            ],
            arguments: [ArgumentSpec("NAME|ID", completion: .container, repeats: true)],
            shape: .grouped
        ) { invocation in
            let names = invocation.arguments.positional
            // `container inspect`, `network inspect`…: the management node names the type.
            let kind = invocation.arguments.value("type") ?? invocation.path.first.flatMap { node in
                kinds.contains { $0.name == node } ? node : nil
            }
            guard kind == nil || kinds.contains(where: { $0.name == kind }) else {
                throw ShellUsageError("\"\(kind!)\" is not a valid value for --type (container, image, network or volume)")
            }
            let template = try invocation.template.map { (source) throws(ShellUsageError) in try JSONTemplate(source) }
            let answers = await invocation.answers { host in
                try await lookUp(names, type: kind, on: host)
            }
            let presenter = invocation.presenter
            for (host, result) in answers {
                if presenter.shape == .json {
                    for object in result.found { presenter.record(host: host.name, json: object) }
                } else if !result.found.isEmpty || presenter.asDocker {
                    // docker prints `[]`, or with a template an empty line, when it found nothing
                    // (cli/command/inspect/inspector.go, Flush).
                    do {
                        let text = result.found.isEmpty && template != nil ? "\n" : try text(result.found, template: template)
                        presenter.block(host: host.name, text: text, json: .null)
                    } catch {
                        let message = "template parsing error: \(error)"
                        presenter.failure(HostFailure(host: host.name, kind: .failed, message: message, dockerMessage: message))
                    }
                }
                for error in result.errors {
                    presenter.failure(HostFailure(host: host.name, kind: .failed, message: error.message, dockerMessage: error.docker))
                }
            }
        }
        // docker's -f/--format replaces the generic --format (which it also accepts: shapes too).
        spec.flags.removeAll { $0 == FlagSpec.format }
        return spec
    }()

    /// What one host has: the objects found, in argument order, and one error per name it lacks
    /// (with docker's words for it).
    struct Result: Sendable {
        var found: [JSONValue] = []
        var errors: [(message: String, docker: String?)] = []
    }

    /// Tries each name as a container, an image, a network, then a volume (docker's order), unless
    /// `type` says which. Untyped, a miss, or a name that cannot be that kind, goes on to the next.
    static func lookUp(_ names: [String], type: String?, on host: HostSession) async throws -> Result {
        var result = Result()
        for name in names {
            var lastError: EngineAPIError?
            for kind in kinds where type == nil || kind.name == type {
                do {
                    result.found.append(try JSONParser.parse(try await host.send(kind.request(name)).readableBytesView))
                    lastError = nil
                    break
                } catch let error as EngineAPIError {
                    lastError = error
                    let skippable = error.status == 404 || error.message.contains("not supported")
                        || error.message.contains("invalid reference format")
                    if type != nil || !skippable { break }
                }
            }
            guard let error = lastError else { continue }
            // Untyped, docker names no kind when every lookup misses (cli/command/system/inspect.go, inspectAll).
            if type == nil && error.status == 404 {
                result.errors.append(("No such object: \(name)", "Error: No such object: \(name)"))
            } else {
                result.errors.append((error.message, error.dockerMessage))
            }
        }
        return result
    }

    /// docker's layout: the objects as one indented array, or the template's line per object.
    static func text(_ objects: [JSONValue], template: JSONTemplate?) throws(GoTemplateError) -> String {
        guard let template else { return JSONValue.array(objects).pretty(indent: "    ") + "\n" }
        var out = ""
        for object in objects { out += try template.render(object) + "\n" }
        return out
    }
}
