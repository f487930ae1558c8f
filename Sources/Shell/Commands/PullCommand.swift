import DockerAPI
import FanOut
import Foundation
import Transport

/// `pull IMAGE` on every target: on a terminal one live progress line per host, otherwise each
/// host's final status (json: every progress message). A registry failure is that host's failure,
/// in the engine's words.
enum PullCommand {
    static let spec = CommandSpec(
        name: "pull", summary: "Pull an image on every target (one live progress line per host)",
        usage: "[@TARGETS] pull IMAGE[:TAG|@DIGEST]", scope: .engines,
        arguments: [ArgumentSpec("IMAGE", completion: .image)],
        shape: .lines
    ) { invocation in
        let words = try invocation.requireArguments(1, "IMAGE")
        guard words.count == 1 else { throw ShellUsageError("\"pull\" takes one IMAGE, not \(words.count)") }
        let (name, tag) = split(words[0])
        let presenter = invocation.presenter
        let board = presenter.shape == .lines && invocation.console.isTerminal
            ? ProgressBoard(presenter: presenter, console: invocation.console, hosts: invocation.targets.map(\.name)) : nil
        board?.start()
        let outcomes = FailureQueue()
        await invocation.eachHost(timeout: .some(nil)) { host in
            do {
                return try await pull(name, tag: tag, on: host, presenter: presenter, board: board)
            } catch {
                board?.update(host.name, "error: \(ErrorWords.describe(error))")
                // On a terminal the failure waits for the board to finish, so its lines stay put.
                guard board != nil else { throw error }
                outcomes.add(HostFailure(host: host.name, kind: .failed, message: ErrorWords.describe(error)))
                return nil
            }
        } onSuccess: { host, status in
            if board == nil, let status { presenter.line(host: host.name, text: status, json: .object([("status", .string(status))])) }
        }
        for failure in outcomes.all { presenter.failure(failure) }
    }

    /// docker's reference rule, simplified: a tag is after the last ':' of the last path component,
    /// a digest after '@'; no tag means `latest`.
    static func split(_ reference: String) -> (name: String, tag: String) {
        if let at = reference.firstIndex(of: "@") {
            return (String(reference[..<at]), String(reference[reference.index(after: at)...]))
        }
        let lastSlash = reference.lastIndex(of: "/") ?? reference.startIndex
        if let colon = reference[lastSlash...].lastIndex(of: ":") {
            return (String(reference[..<colon]), String(reference[reference.index(after: colon)...]))
        }
        return (reference, "latest")
    }

    /// One host's pull; its last status line (`Status: Downloaded newer image for …`).
    static func pull(_ name: String, tag: String, on host: HostSession, presenter: Presenter, board: ProgressBoard?) async throws -> String? {
        try await host.stream(EngineRequests.pull(image: name, tag: tag)) { response in
            var splitter = JSONStreamSplitter()
            var last: String?
            while let piece = try await response.next() {
                for value in try splitter.feed(piece.readableBytesView) {
                    let message = try JSONDecoder().decode(JSONMessage.self, from: Data(value))
                    if let failure = message.failureMessage { throw EngineAPIError(status: 200, message: failure) }
                    if presenter.shape == .json, let parsed = try? JSONParser.parse(value) {
                        presenter.record(host: host.name, json: parsed)
                    }
                    let line = describe(message)
                    if !line.isEmpty {
                        last = line
                        board?.update(host.name, line)
                    }
                }
            }
            _ = try splitter.finish()  // a message cut off, or junk after the last one, is an error
            return last
        }
    }

    /// A progress message as docker prints it: `id: status progress`.
    static func describe(_ message: JSONMessage) -> String {
        var parts: [String] = []
        if let id = message.id, !id.isEmpty { parts.append(id + ":") }
        if let status = message.status, !status.isEmpty { parts.append(status) }
        if let progress = message.progress, !progress.isEmpty { parts.append(progress) }
        if parts.isEmpty, let stream = message.stream { parts.append(stream.trimmingCharacters(in: .newlines)) }
        return parts.joined(separator: " ")
    }
}
