import DockerAPI
import Registry

/// `push NAME[:TAG]` from every target, with the registry's stored credentials; one live
/// progress line per host on a terminal, as `pull`.
enum PushCommand {
    static let spec = CommandSpec(
        name: "push", summary: "Push an image from every target (one live progress line per host)",
        scope: .engines,
        flags: [FlagSpec("all-tags", short: "a", help: "Push all tags of an image to the repository")],
        arguments: [ArgumentSpec("NAME[:TAG]", completion: .image)],
        shape: .lines
    ) { invocation in
        let words = invocation.arguments.positional
        let reference: ImageReference
        do { reference = try ImageReference(parsing: words[0]) } catch { throw ShellUsageError("\(error)") }
        let allTags = invocation.arguments.isOn("all-tags")
        if allTags, reference.tag != nil { throw ShellUsageError("tag can't be used with --all-tags/-a") }
        let registryAuth = try RegistryAccess(invocation).registryAuth(for: words[0])
        let tag = allTags ? nil : (reference.tag ?? "latest")
        let request = EngineRequests.push(repository: reference.repository, tag: tag, registryAuth: registryAuth)
        await PullCommand.follow(request, invocation: invocation)
    }
}
