import DockerAPI
import FanOut
import Foundation
import NIOCore
import Transport

/// One request body (an image tar, a build context), read once and sent to many engines at
/// once: `POST /images/load` or `POST /build` on each.
///
/// Every target has its own bounded queue and writes at its own pace; the reader waits only when
/// a queue is full, so the slowest target bounds both speed and memory (`queueLimit` per target,
/// whatever the image's size). A target that fails is dropped and the others go on.
struct BodyBroadcast: Sendable {
    let targets: [HostSession]
    let presenter: Presenter
    let board: ProgressBoard?
    let failures: FailureQueue
    /// The request each target gets (`streamsBody`).
    let request: APIRequest
    /// Reads one target's answer; its last line shows on the board, or is printed without one.
    let respond: @Sendable (HostSession, ResponseStream) async throws -> String?
    static let queueLimit = 4 << 20

    /// Runs `produce`, which hands each piece of the tar to `send`, and loads what it sends into
    /// every target. A failure of `produce` is returned (the caller names its source); the targets
    /// then fail with "incomplete".
    func run(produce: @escaping @Sendable (_ send: @Sendable (ByteBuffer) async -> Void) async throws -> Void) async -> Error? {
        let queues = targets.map { _ in PieceQueue(limit: Self.queueLimit) }
        return await withTaskGroup(of: Error?.self) { group in
            for (target, queue) in zip(targets, queues) {
                group.addTask { await send(to: target, from: queue); return nil }
            }
            group.addTask {
                do {
                    try await produce { piece in
                        for queue in queues { await queue.push(piece) }
                    }
                    for queue in queues { queue.finish() }
                    return nil
                } catch {
                    for queue in queues { queue.fail(SourceFailed()) }
                    return error
                }
            }
            var sourceError: Error?
            for await result in group { if let result { sourceError = result } }
            return sourceError
        }
    }

    private func send(to target: HostSession, from queue: PieceQueue) async {
        let board = self.board
        let respond = self.respond
        do {
            let last = try await target.stream(request, sending: { writer in
                var sent = 0
                var shown = 0
                while let piece = try await queue.next() {
                    try await writer.write(piece)
                    sent += piece.readableBytes
                    if let board, sent - shown >= 4 << 20 {
                        shown = sent
                        board.update(target.name, "sent " + GoUnits.humanSize(Double(sent)))
                    }
                }
                board?.update(target.name, "sent " + GoUnits.humanSize(Double(sent)) + ", loading")
            }) { response in
                try await respond(target, response)
            }
            board?.update(target.name, last ?? "done")
        } catch {
            queue.close()
            let failure = HostFailure(host: target.name, error: error)
            board?.update(target.name, "error: \(failure.message)")
            failures.add(failure)
        }
    }

    /// What a target reports when the tar it was loading stopped coming.
    struct SourceFailed: Error, CustomStringConvertible {
        var description: String { "incomplete: the image stopped coming from its source" }
    }
}

extension BodyBroadcast {
    /// `POST /images/load` on every target; each prints what the engine loaded (`Loaded image: …`).
    static func load(targets: [HostSession], presenter: Presenter, board: ProgressBoard?, failures: FailureQueue) -> BodyBroadcast {
        BodyBroadcast(
            targets: targets, presenter: presenter, board: board, failures: failures,
            request: EngineRequests.loadImages(quiet: true)
        ) { target, response in
            var lines: [String] = []
            try await JSONProgress.follow(response, host: target.name, presenter: presenter) { message in
                let line = (message.stream ?? message.status ?? "").trimmingCharacters(in: .newlines)
                if !line.isEmpty { lines.append(line) }
            }
            if board == nil, presenter.shape != .json {
                for line in lines { presenter.line(host: target.name, text: line) }
            }
            return lines.last
        }
    }
}
