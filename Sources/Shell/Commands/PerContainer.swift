import DockerAPI
import FanOut
import Transport

/// Work on several containers of one host at once (`logs a b`, `stats`), where one container
/// failing must not stop the others.
enum PerContainer {
    /// Runs `body` for every container concurrently. An engine that cannot be reached is one
    /// failure of the host (thrown); what the engine refused for a container is reported for it.
    static func run(
        _ containers: [String],
        on host: HostSession,
        presenter: Presenter,
        _ body: @escaping @Sendable (String) async throws -> Void
    ) async throws {
        try await run(AsyncStream { found in
            containers.forEach { found.yield($0) }
            found.finish()
        }, on: host, presenter: presenter, body)
    }

    /// The same for containers that keep being found (`stats` follows the ones that start).
    static func run(
        _ containers: AsyncStream<String>,
        on host: HostSession,
        presenter: Presenter,
        _ body: @escaping @Sendable (String) async throws -> Void
    ) async throws {
        let errors = await withTaskGroup(of: Error?.self) { group in
            for await container in containers {
                group.addTask {
                    do {
                        try await body(container)
                        return nil
                    } catch {
                        return error
                    }
                }
            }
            var errors: [Error] = []
            for await case let error? in group { errors.append(error) }
            return errors
        }
        if let unreachable = errors.first(where: { !($0 is EngineAPIError || $0 is StreamDecodingError) }) {
            throw unreachable
        }
        for error in errors {
            presenter.failure(HostFailure(host: host.name, error: error))
        }
    }
}
