import Core
import DockerAPI
import FanOut
import Foundation
import NIOConcurrencyHelpers
import NIOCore

/// `image copy IMAGE… --from HOST`: streams `GET /images/get` from one engine into
/// `POST /images/load` on every other target at once, no registry and no local file in between.
/// A target that already has every image with the same ID is skipped unless `--force`.
enum ImageCopyCommand {
    static let spec = CommandSpec(
        name: "copy", summary: "Copy images from one host to every target, engine to engine (--from HOST)",
        scope: .engines,
        flags: [
            FlagSpec("from", value: "host", help: "The host to read the images from", completion: .host),
            FlagSpec("force", short: "f", help: "Copy even to targets that already have the same image ID"),
        ],
        arguments: [ArgumentSpec("IMAGE", completion: .image, repeats: true)],
        shape: .lines
    ) { invocation in
        let images = invocation.arguments.positional
        guard let sourceName = invocation.arguments.value("from"), !sourceName.isEmpty else {
            throw ShellUsageError("image copy: say where the images come from with --from HOST")
        }
        guard let source = invocation.shell.registry.session(named: sourceName) else {
            throw ShellUsageError("image copy: no host named \"\(sourceName)\" (see 'hosts')")
        }
        let presenter = invocation.presenter
        let candidates = invocation.targets.filter { $0.name != source.name }
        guard !candidates.isEmpty else { throw ShellUsageError("image copy: no target besides the source \(source.name)") }

        let sourceIDs: [String]
        do {
            sourceIDs = try await imageIDs(images, on: source)
        } catch {
            presenter.failure(HostFailure(host: source.name, error: error))
            return
        }
        let targets = await needingCopy(candidates, ids: sourceIDs, images: images, force: invocation.arguments.isOn("force"), presenter: presenter)
        guard !targets.isEmpty else { return }

        let board = presenter.shape == .lines && invocation.console.isTerminal
            ? ProgressBoard(presenter: presenter, console: invocation.console, hosts: targets.map(\.name)) : nil
        board?.start()
        let failures = FailureQueue()
        let broadcast = BodyBroadcast.load(targets: targets, presenter: presenter, board: board, failures: failures)
        let sourceError = await broadcast.run { send in
            try await source.stream(EngineRequests.saveImages(images)) { response in
                // The engine writes the tar in small chunks (Go's 32 KiB copy buffer); handed on
                // one by one, each would cost every target a wake-up. One copy into larger
                // batches is far cheaper than those.
                var batch = ByteBuffer()
                while let pieces = try await response.nextPieces() {
                    for var piece in pieces {
                        if batch.capacity == 0 { batch.reserveCapacity(ImageCopyCommand.batchBytes + piece.readableBytes) }
                        batch.writeBuffer(&piece)
                    }
                    if batch.readableBytes >= ImageCopyCommand.batchBytes {
                        await send(batch)
                        batch = ByteBuffer()
                    }
                }
                if batch.readableBytes > 0 { await send(batch) }
            }
        }
        for failure in failures.all { presenter.failure(failure) }
        if let sourceError {
            presenter.failure(HostFailure(host: source.name, kind: .failed, message: "reading the images: \(sourceError)"))
        }
    }

    /// How much of the source's tar is gathered before it goes to the targets.
    static let batchBytes = 512 * 1024

    /// The image ID of each name on `host` (`GET /images/NAME/json`).
    static func imageIDs(_ images: [String], on host: HostSession) async throws -> [String] {
        var ids: [String] = []
        for image in images {
            let value = try JSONParser.parse(try await host.send(EngineRequests.inspectImage(image)).readableBytesView)
            ids.append(value["Id"]?.stringValue ?? "")
        }
        return ids
    }

    /// The candidates that lack one of the images (or have another image under its name); the
    /// others are reported as skipped.
    static func needingCopy(_ candidates: [HostSession], ids: [String], images: [String], force: Bool, presenter: Presenter) async -> [HostSession] {
        if force { return candidates }
        let skipped = await withTaskGroup(of: String?.self) { group in
            for host in candidates {
                group.addTask { (try? await imageIDs(images, on: host)) == ids ? host.name : nil }
            }
            var names: Set<String> = []
            for await name in group { if let name { names.insert(name) } }
            return names
        }
        for host in candidates where skipped.contains(host.name) {
            let shortID = ids.map { String($0.replacingOccurrences(of: "sha256:", with: "").prefix(12)) }.joined(separator: ", ")
            presenter.line(host: host.name, text: "skipped: already has \(images.joined(separator: ", ")) (\(shortID))",
                           json: .object([("skipped", .bool(true)), ("ids", .array(ids.map { .string($0) }))]))
        }
        return candidates.filter { !skipped.contains($0.name) }
    }
}
