import DockerAPI
import FanOut
import Transport

/// Image commands that change engines: pull, push, tag, rmi, save, load, image copy, login, logout, build.
enum ImageCommands {
    static let all: [CommandSpec] = [
        PullCommand.spec, PushCommand.spec, TagCommand.spec, rmi, SaveCommand.spec, LoadCommand.spec,
        LoginCommand.spec, LogoutCommand.spec, BuildCommand.spec,
    ]

    static let rmi = CommandSpec(
        name: "rmi", summary: "Remove one or more images on every target",
        scope: .engines,
        flags: [
            FlagSpec("force", short: "f", help: "Force removal of the image"),
            FlagSpec("no-prune", help: "Do not delete untagged parents"),
        ],
        arguments: [ArgumentSpec("IMAGE", completion: .image, repeats: true)],
        shape: .lines
    ) { invocation in
        let images = invocation.arguments.positional
        let force = invocation.arguments.isOn("force")
        let noPrune = invocation.arguments.isOn("no-prune")
        let presenter = invocation.presenter
        await invocation.eachHost { host in
            // Like docker: every image is tried; the host fails if any of them could not be removed,
            // and each refusal is reported (cli/command/image/remove.go).
            var errors: [Error] = []
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
                } catch let error as EngineAPIError {
                    errors.append(error)
                }
            }
            for error in errors { presenter.failure(HostFailure(host: host.name, error: error)) }
        }
    }
}
