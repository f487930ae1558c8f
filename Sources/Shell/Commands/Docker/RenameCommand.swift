import DockerAPI
import Foundation
import FanOut

/// `rename CONTAINER NEW_NAME` on every target (docker/cli cli/command/container/rename.go).
enum RenameCommand {
    static let spec = CommandSpec(
        name: "rename", summary: "Rename a container on every target", scope: .engines,
        arguments: [ArgumentSpec("CONTAINER", completion: .container), ArgumentSpec("NEW_NAME")],
        shape: .lines
    ) { invocation in
        let words = try invocation.requireArguments(2, "CONTAINER NEW_NAME")
        guard words.count == 2 else { throw ShellUsageError("\"rename\" requires exactly 2 arguments") }
        let old = words[0].trimmingCharacters(in: .whitespaces), new = words[1].trimmingCharacters(in: .whitespaces)
        guard !old.isEmpty && !new.isEmpty else { throw ShellUsageError("Error: Neither old nor new names may be empty") }
        await invocation.eachHost { host in
            do {
                _ = try await host.send(EngineRequests.rename(old, to: new))
            } catch let error as EngineAPIError {
                // docker prints the engine's words, then its own line.
                throw HostFailure(host: host.name, kind: .failed, message: error.message,
                                  dockerMessage: (error.dockerMessage ?? error.message) + "\nError: failed to rename container named \(old)")
            }
        }
    }
}
