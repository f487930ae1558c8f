import DockerAPI
import Endpoints
import FanOut

/// What the engines are and run: info, version, ping, inspect, top. Their answers are whole
/// reports, so the default shape is grouped: identical ones fold under their hosts' names.
enum SystemCommands {
    static let all: [CommandSpec] = [info, version, PingCommand.spec, InspectCommand.spec, top]

    static let info = CommandSpec(
        name: "info", summary: "Display system-wide information (server section of docker info)",
        scope: .engines, shape: .grouped
    ) { invocation in
        let template = try invocation.template.map { (source) throws(ShellUsageError) in try JSONTemplate(source, root: .info) }
        let answers = await invocation.answers { host in
            try await Invocation.fetch(SystemInfo.self, EngineRequests.info(), from: host)
        }
        let asDocker = invocation.presenter.asDocker
        for (host, answer) in answers {
            // docker ends the server section with a blank line (cli/command/system/info.go).
            guard let text = rendered(answer.json, with: template, on: host.name, invocation)
                ?? InfoReport.server(answer.model) + (asDocker ? "\n" : "") else { continue }
            invocation.presenter.block(host: host.name, text: text, json: answer.json)
            // Docker writes the engine's warnings to stderr; json has them in the object already.
            if template == nil && invocation.presenter.shape != .json {
                for warning in answer.model.warnings {
                    invocation.console.err((asDocker ? "" : "\(host.name): ") + warning.escapingControlCharacters + "\n")
                }
            }
        }
    }

    static let version = CommandSpec(
        name: "version", summary: "Show the engines' versions (server section of docker version)",
        scope: .engines, shape: .grouped
    ) { invocation in
        let template = try invocation.template.map { (source) throws(ShellUsageError) in
            try JSONTemplate(source, name: "version", root: .version)
        }
        let answers = await invocation.answers { host in
            try await Invocation.fetch(VersionInfo.self, EngineRequests.version(), from: host)
        }
        for (host, answer) in answers {
            guard let text = rendered(templateRoot(version: answer.json), with: template, on: host.name, invocation)
                ?? EngineReports.versionServer(answer.model) else { continue }
            invocation.presenter.block(host: host.name, text: text, json: answer.json)
        }
    }

    /// The template's text for one host's answer (nil without a template); `.some(nil)` after
    /// reporting the host's failure in Go's words, as docker prints it.
    private static func rendered(_ json: JSONValue, with template: JSONTemplate?, on host: String, _ invocation: Invocation) -> String?? {
        guard let template else { return nil }
        do {
            return .some(try template.render(json) + "\n")
        } catch {
            invocation.presenter.failure(HostFailure(host: host, kind: .failed, message: error.description))
            return .some(nil)
        }
    }

    /// The /version object, plus itself as `Server`, so docker habits (`{{.Server.Version}}`)
    /// work beside the shorter `{{.Version}}`. Docker's templates see Go field names, which
    /// equal the JSON keys but for one: `ApiVersion` is `APIVersion` there.
    static func templateRoot(version: JSONValue) -> JSONValue {
        guard case .object(var members) = version else { return version }
        if let api = members.first(where: { $0.0 == "ApiVersion" })?.1 { members.append(("APIVersion", api)) }
        return .object(members + [("Server", .object(members))])
    }

    static let top = CommandSpec(
        name: "top", summary: "Display the running processes of a container",
        scope: .engines,
        arguments: [ArgumentSpec("CONTAINER", completion: .container), ArgumentSpec("ps OPTIONS", repeats: true, optional: true)],
        shape: .grouped, flagsEndAtFirstArgument: true
    ) { invocation in
        let words = invocation.arguments.positional
        if let template = invocation.template {
            throw ShellUsageError("top: --format takes a shape (table, lines, grouped, json), not a template: \(template)")
        }
        let request = EngineRequests.top(words[0], psArgs: Array(words.dropFirst()))
        let answers = await invocation.answers { host in
            try await Invocation.fetch(ContainerTop.self, request, from: host)
        }
        for (host, answer) in answers {
            invocation.presenter.block(host: host.name, text: EngineReports.top(answer.model), json: answer.json)
        }
    }
}
