import DockerAPI
import FanOut

/// `wait CONTAINER…`: blocks until the containers stop on every target and prints each exit code
/// (docker/cli cli/command/container/wait.go). `wait` with no container stays the shell's join
/// of its `&` jobs (ShellCommands.wait).
enum WaitCommand {
    /// The short form: docker's with containers, the job join without.
    static let spec: CommandSpec = {
        var spec = containerSpec
        spec.summary = "Block until one or more containers stop, then print their exit codes (no argument: join the '&' jobs)"
        spec.arguments = [ArgumentSpec("CONTAINER", completion: .container, repeats: true, optional: true)]
        spec.withoutArguments = { ShellCommands.wait }
        return spec
    }()

    /// `container wait`: docker's only.
    static let containerSpec = CommandSpec(
        name: "wait", summary: "Block until one or more containers stop, then print their exit codes", scope: .engines,
        arguments: [ArgumentSpec("CONTAINER", completion: .container, repeats: true)],
        shape: .lines
    ) { invocation in
        let names = try invocation.requireArguments(1, "CONTAINER")
        let presenter = invocation.presenter
        await invocation.eachHost(timeout: .some(nil)) { host in
            let codes = await withTaskGroup(of: (Int, Result<Int, Error>).self) { group in
                for (index, name) in names.enumerated() {
                    group.addTask {
                        do {
                            let waited = try await host.decode(WaitResponse.self, EngineRequests.wait(name))
                            if let message = waited.errorMessage { throw EngineAPIError(status: 200, message: message) }
                            return (index, .success(waited.statusCode))
                        } catch {
                            return (index, .failure(error))
                        }
                    }
                }
                var codes = [Result<Int, Error>?](repeating: nil, count: names.count)
                for await (index, code) in group { codes[index] = code }
                return codes.compactMap { $0 }
            }
            for case .failure(let error) in codes where !(error is EngineAPIError) { throw error }
            // docker prints the codes in argument order and the errors after them.
            for (index, code) in codes.enumerated() {
                if case .success(let code) = code {
                    presenter.line(host: host.name, text: String(code), json: .object([
                        ("container", .string(names[index])), ("exitCode", .int(code)),
                    ]))
                }
            }
            for case .failure(let error) in codes { presenter.failure(HostFailure(host: host.name, error: error)) }
        }
    }
}
