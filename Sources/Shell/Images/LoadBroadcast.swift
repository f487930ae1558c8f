import DockerAPI
import FanOut
import Foundation
import NIOCore
import Transport

/// One image tar, read once, loaded into many engines at once (`POST /images/load` on each).
///
/// Every target has its own bounded queue and writes at its own pace; the reader waits only when
/// a queue is full, so the slowest target bounds both speed and memory (`queueLimit` per target,
/// whatever the image's size). A target that fails is dropped and the others go on.
struct LoadBroadcast: Sendable {
    let targets: [HostSession]
    let presenter: Presenter
    let board: ProgressBoard?
    let failures: FailureQueue
    static let queueLimit = 4 << 20

    /// Runs `produce`, which hands each piece of the tar to `send`, and loads what it sends into
    /// every target. A failure of `produce` is returned (the caller names its source); the targets
    /// then fail with "incomplete".
    func run(produce: @escaping @Sendable (_ send: @Sendable (ByteBuffer) async -> Void) async throws -> Void) async -> Error? {
        let queues = targets.map { _ in PieceQueue(limit: Self.queueLimit) }
        return await withTaskGroup(of: Error?.self) { group in
            for (target, queue) in zip(targets, queues) {
                group.addTask { await load(into: target, from: queue); return nil }
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

    private func load(into target: HostSession, from queue: PieceQueue) async {
        let board = self.board
        let presenter = self.presenter
        do {
            let loaded = try await target.stream(EngineRequests.loadImages(quiet: true), sending: { writer in
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
                var lines: [String] = []
                try await JSONProgress.follow(response, host: target.name, presenter: presenter) { message in
                    let line = (message.stream ?? message.status ?? "").trimmingCharacters(in: .newlines)
                    if !line.isEmpty { lines.append(line) }
                }
                return lines
            }
            if let board {
                board.update(target.name, loaded.last ?? "loaded")
            } else if presenter.shape != .json {
                for line in loaded { presenter.line(host: target.name, text: line) }
            }
        } catch {
            queue.close()
            let message = "\(error)"
            board?.update(target.name, "error: \(message)")
            failures.add(HostFailure(host: target.name, kind: .failed, message: message))
        }
    }

    /// What a target reports when the tar it was loading stopped coming.
    struct SourceFailed: Error, CustomStringConvertible {
        var description: String { "incomplete: the image stopped coming from its source" }
    }
}
