import DockerAPI
import FanOut
import Transport

/// Image commands that change engines: `pull` and `rmi`.
enum ImageCommands {
    static let all: [CommandSpec] = [PullCommand.spec, rmi]

    static let rmi = CommandSpec(
        name: "rmi", summary: "Remove one or more images on every target",
        usage: "[@TARGETS] rmi [-f] [--no-prune] IMAGE…", scope: .engines,
        flags: [
            FlagSpec("force", short: "f", help: "Force removal of the image"),
            FlagSpec("no-prune", help: "Do not delete untagged parents"),
        ],
        arguments: [ArgumentSpec("IMAGE", completion: .image, repeats: true)],
        shape: .lines
    ) { invocation in
        let images = try invocation.requireArguments(1, "IMAGE")
        let force = invocation.arguments.isOn("force")
        let noPrune = invocation.arguments.isOn("no-prune")
        let presenter = invocation.presenter
        await invocation.eachHost { host in
            // Like docker: every image is tried; the host fails if any of them could not be removed.
            var errors: [String] = []
            for image in images {
                do {
                    let body = try await host.send(EngineRequests.removeImage(image, force: force, noPrune: noPrune))
                    guard case .array(let items) = try JSONParser.parse(body.readableBytesView) else { continue }
                    for item in items {
                        guard case .object(let members) = item else { continue }
                        for (key, value) in members {
                            guard let id = value.stringValue else { continue }
                            presenter.line(host: host.name, text: "\(key): \(id)", json: .object([(key.lowercased(), .string(id))]))
                        }
                    }
                } catch {
                    errors.append(ErrorWords.describe(error))
                }
            }
            if !errors.isEmpty { throw HostFailure(host: host.name, kind: .failed, message: errors.joined(separator: "; ")) }
        }
    }
}
