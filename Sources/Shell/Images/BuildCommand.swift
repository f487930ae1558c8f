import DockerAPI
import FanOut
import Foundation
import NIOConcurrencyHelpers
import Registry

/// `build PATH | -` on every target with the classic builder (`DOCKER_BUILDKIT=0 docker build`):
/// the context is tarred once, honouring `.dockerignore` (or taken from stdin), and streamed to
/// every target at once.
/// Each host's build output comes as its lines; the image ID each host built ends its output
/// and is in the json shape.
enum BuildCommand {
    static let spec = CommandSpec(
        name: "build", summary: "Build an image from a Dockerfile on every target (the context is sent once to all)",
        scope: .engines,
        flags: [
            FlagSpec("tag", short: "t", value: "list", repeatable: true, help: "Name and optionally a tag in the \"name:tag\" format"),
            FlagSpec("file", short: "f", value: "string", help: "Name of the Dockerfile (default: \"PATH/Dockerfile\"; - for stdin)", completion: .file),
            FlagSpec("build-arg", value: "list", repeatable: true, help: "Set build-time variables"),
            FlagSpec("label", value: "list", repeatable: true, help: "Set metadata for an image"),
            FlagSpec("target", value: "string", help: "Set the target build stage to build"),
            FlagSpec("no-cache", help: "Do not use cache when building the image"),
            FlagSpec("pull", help: "Always attempt to pull a newer version of the image"),
        ],
        arguments: [ArgumentSpec("PATH", completion: .directory)],
        shape: .lines
    ) { invocation in
        let words = invocation.arguments.positional
        var options = try options(invocation)
        let (input, dockerfile) = try await BuildInput.open(words[0], dockerfile: invocation.arguments.value("file") ?? "")
        options.dockerfile = dockerfile
        let registryConfig = (try? RegistryAccess(invocation).registryConfig()) ?? "e30="
        let presenter = invocation.presenter
        let failures = FailureQueue()
        let built = NIOLockedValueBox<[String: String]>([:])
        let broadcast = BodyBroadcast(
            targets: invocation.targets, presenter: presenter, board: nil, failures: failures,
            request: EngineRequests.build(options, registryConfig: registryConfig)
        ) { target, response in
            var partial = ""
            var id: String?
            try await JSONProgress.follow(response, host: target.name, presenter: presenter) { message in
                if let value = message.aux?["ID"]?.stringValue { id = value }
                guard let text = message.stream, presenter.shape != .json else { return }
                let lines = (partial + text).split(separator: "\n", omittingEmptySubsequences: false)
                partial = String(lines.last ?? "")
                presenter.lines(host: target.name, lines.dropLast().map { OutputLine(text: String($0), stderr: false) })
            }
            if !partial.isEmpty, presenter.shape != .json { presenter.line(host: target.name, text: partial) }
            if let id { built.withLockedValue { $0[target.name] = id } }
            return id
        }
        let contextError = await broadcast.run { send in try await input.stream(send) }
        for failure in failures.all { presenter.failure(failure) }
        if let contextError { throw BuildContextError(description: "\(words[0] == "-" ? "stdin" : words[0]): \(contextError)") }
        // The summary: which image each host built.
        let ids = built.withLockedValue { $0 }
        for host in invocation.targets {
            guard let id = ids[host.name] else { continue }
            presenter.line(host: host.name, text: "built \(id)", json: .object([("id", .string(id))]))
        }
    }

    static func options(_ invocation: Invocation) throws -> BuildOptions {
        let arguments = invocation.arguments
        var options = BuildOptions()
        options.tags = arguments.all("tag")
        for tag in options.tags {
            do { _ = try ImageReference(parsing: tag) } catch { throw ShellUsageError("invalid argument \"\(tag)\" for \"-t, --tag\" flag: \(error)") }
        }
        let environment = invocation.shell.environment
        options.buildArgs = arguments.all("build-arg").map { argument in
            guard let equals = argument.firstIndex(of: "=") else { return (argument, environment[argument]) }
            return (String(argument[..<equals]), String(argument[argument.index(after: equals)...]))
        }
        options.labels = arguments.all("label").map { label in
            guard let equals = label.firstIndex(of: "=") else { return (label, "") }
            return (String(label[..<equals]), String(label[label.index(after: equals)...]))
        }
        options.target = arguments.value("target")
        options.noCache = arguments.isOn("no-cache")
        options.pull = arguments.isOn("pull")
        return options
    }
}
