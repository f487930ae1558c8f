import DockerAPI
import FanOut
import Foundation
import NIOCore

/// `load -i FILE`: one local tar, read once, loaded into every target concurrently.
enum LoadCommand {
    static let spec = CommandSpec(
        name: "load", summary: "Load an image from a tar archive into every target (the file is read once)",
        scope: .engines,
        flags: [FlagSpec("input", short: "i", value: "string", help: "Read from tar archive file, instead of STDIN", completion: .file)],
        shape: .lines
    ) { invocation in
        guard let input = invocation.arguments.value("input"), !input.isEmpty else {
            throw ShellUsageError("load: give the archive with -i FILE")
        }
        guard let file = FileHandle(forReadingAtPath: input) else {
            throw ShellUsageError("open \(input): no such file or not readable")
        }
        defer { try? file.close() }
        let board = invocation.presenter.shape == .lines && invocation.console.isTerminal
            ? ProgressBoard(presenter: invocation.presenter, console: invocation.console, hosts: invocation.targets.map(\.name)) : nil
        board?.start()
        let failures = FailureQueue()
        let broadcast = BodyBroadcast.load(targets: invocation.targets, presenter: invocation.presenter, board: board, failures: failures)
        let handle = UncheckedFile(file: file)
        let readError = await broadcast.run { send in
            while let data = try handle.file.read(upToCount: 1 << 20), !data.isEmpty {
                await send(ByteBuffer(bytes: data))
            }
        }
        for failure in failures.all { invocation.presenter.failure(failure) }
        if let readError { throw ArchiveReadError(description: "\(input): \(readError)") }
    }

    /// The file is read by one task only, the producer.
    struct UncheckedFile: @unchecked Sendable {
        let file: FileHandle
    }
}

/// The local archive could not be read to its end; names the file.
struct ArchiveReadError: Error, Sendable, CustomStringConvertible {
    let description: String
}
