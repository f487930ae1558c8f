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
        scope: .engines,
        arguments: [ArgumentSpec("NAME[:TAG|@DIGEST]", completion: .image)],
        shape: .lines
    ) { invocation in
        let words = invocation.arguments.positional
        let (name, tag) = split(words[0])
        let registryAuth = try RegistryAccess(invocation).registryAuth(for: words[0])
        var request = EngineRequests.pull(image: name, tag: tag)
        request.headers.append(HeaderField("X-Registry-Auth", registryAuth))
        if invocation.presenter.asDocker && !invocation.console.isTerminal {
            return try await pullAsDocker(words[0], request: request, name: name, tag: tag, invocation: invocation)
        }
        await follow(request, invocation: invocation)
    }

    /// Runs a progress-streaming request (pull, push) on every target: on a terminal one live
    /// line per host, otherwise each host's last status.
    static func follow(_ request: APIRequest, invocation: Invocation) async {
        let presenter = invocation.presenter
        let board = presenter.shape == .lines && invocation.console.isTerminal
            ? ProgressBoard(presenter: presenter, console: invocation.console, hosts: invocation.targets.map(\.name)) : nil
        board?.start()
        let outcomes = FailureQueue()
        await invocation.eachHost(timeout: .some(nil)) { host in
            do {
                return try await follow(request, on: host, presenter: presenter, board: board)
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

    /// One host, not on a terminal: what `docker pull` prints there (cli/command/image/pull.go):
    /// `Using default tag: latest` when no tag was given, each message's line, the full reference.
    /// An error in the stream is said in its own words, as docker does.
    static func pullAsDocker(_ reference: String, request: APIRequest, name: String, tag: String, invocation: Invocation) async throws {
        let console = invocation.console
        if name == reference { console.out("Using default tag: latest\n") }
        await invocation.eachHost(timeout: .some(nil)) { host in
            try await host.stream(request) { response in
                var splitter = JSONStreamSplitter()
                while let piece = try await response.next() {
                    for value in try splitter.feed(piece.readableBytesView) {
                        let message = try JSONDecoder().decode(JSONMessage.self, from: Data(value))
                        if let failure = message.failureMessage {
                            throw HostFailure(host: host.name, kind: .failed, message: failure, dockerMessage: failure)
                        }
                        if let text = PullReport.text(message) { console.out(text) }
                    }
                }
                _ = try splitter.finish()
            }
            console.out(PullReport.normalizedReference(name: name, tag: tag, digest: reference.contains("@")) + "\n")
        }
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

    /// Runs a progress-streaming request (pull, push) on one host, its messages on the board.
    static func follow(_ request: APIRequest, on host: HostSession, presenter: Presenter, board: ProgressBoard?) async throws -> String? {
        try await host.stream(request) { response in
            var last: String?
            try await JSONProgress.follow(response, host: host.name, presenter: presenter) { message in
                let line = describe(message)
                if !line.isEmpty {
                    last = line
                    board?.update(host.name, line)
                }
            }
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
