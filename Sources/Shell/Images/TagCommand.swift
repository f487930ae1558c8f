import DockerAPI
import Registry

/// `tag SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]` on every target.
enum TagCommand {
    static let spec = CommandSpec(
        name: "tag", summary: "Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE on every target",
        scope: .engines,
        arguments: [ArgumentSpec("SOURCE_IMAGE", completion: .image), ArgumentSpec("TARGET_IMAGE")],
        shape: .lines
    ) { invocation in
        let words = invocation.arguments.positional
        let target: ImageReference
        do { target = try ImageReference(parsing: words[1]) } catch { throw ShellUsageError("\(error)") }
        guard target.digest == nil else { throw ShellUsageError("refusing to create a tag with a digest reference") }
        // The docker client sends the familiar name and `latest` when no tag is given.
        let request = EngineRequests.tag(words[0], repository: target.repository, tag: target.tag ?? "latest")
        await invocation.eachHost { host in
            _ = try await host.send(request)
        }
    }
}
