import Core
import DockerAPI
import FanOut
import Foundation
import Transport

/// The list commands: one table for all hosts, a `HOST` column first, docker's columns after it.
enum ListCommands {
    static let all: [CommandSpec] = [PsCommand.spec, ImagesCommand.spec, DfCommand.spec]

    /// `--filter`/`-f` values in docker's syntax; a malformed one is a usage error (nothing sent).
    static func filters(_ arguments: ParsedArguments) throws(ShellUsageError) -> Filters {
        var filters = Filters()
        for argument in arguments.all("filter") {
            do {
                try filters.parse(argument)
            } catch {
                throw ShellUsageError("invalid argument \"\(argument)\" for \"-f, --filter\" flag: \(error)")
            }
        }
        return filters
    }

    static let filterFlag = FlagSpec(
        "filter", short: "f", value: "filter", repeatable: true, help: "Filter output based on conditions provided")
    static let quietFlag = FlagSpec("quiet", short: "q", help: "Only display IDs (prefixed by host when several are targeted)")
    static let noTruncFlag = FlagSpec("no-trunc", help: "Don't truncate output")
}

extension Invocation {
    /// Runs `operation` on every target and returns the successes in target order (failures are
    /// reported as they happen), so list output reads the same whichever host answered first.
    func answers<Value: Sendable>(
        _ operation: @escaping @Sendable (HostSession) async throws -> Value
    ) async -> [(host: HostSession, value: Value)] {
        var byName: [String: Value] = [:]
        await eachHost(operation) { host, value in byName[host.name] = value }
        return targets.compactMap { host in byName[host.name].map { (host, $0) } }
    }

    /// Sends `request` once and returns the answer both decoded and as ordered JSON: the model
    /// for the text report, the engine's own object (its key order kept) for the json shape.
    static func fetch<Model: Decodable>(
        _ type: Model.Type, _ request: APIRequest, from host: HostSession
    ) async throws -> (model: Model, json: JSONValue) {
        let body = Array(try await host.send(request).readableBytesView)
        do {
            return (try JSONDecoder().decode(Model.self, from: Data(body)), try JSONParser.parse(body))
        } catch {
            throw EngineAPIError(status: 200, message: "unexpected answer from the engine to \(request.path): \(ErrorWords.describe(error))")
        }
    }
}
