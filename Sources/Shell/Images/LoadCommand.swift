import DockerAPI
import FanOut
import Foundation
import NIOCore

/// `load [-i FILE]`: one local tar, read once, loaded into every target concurrently.
enum LoadCommand {
    static let spec = CommandSpec(
        name: "load", summary: "Load an image from a tar archive into every target (the file is read once)",
        scope: .engines,
        flags: [FlagSpec("input", short: "i", value: "string", help: "Read from tar archive file, instead of STDIN", completion: .file)],
        shape: .lines
    ) { invocation in
        let input = invocation.arguments.value("input") ?? ""
        let source = try ArchiveSource(path: input)
        let board = invocation.presenter.shape == .lines && invocation.console.isTerminal
            ? ProgressBoard(presenter: invocation.presenter, console: invocation.console, hosts: invocation.targets.map(\.name)) : nil
        board?.start()
        let failures = FailureQueue()
        let broadcast = BodyBroadcast.load(targets: invocation.targets, presenter: invocation.presenter, board: board, failures: failures)
        let readError = await broadcast.run { send in try await source.read(send) }
        for failure in failures.all { invocation.presenter.failure(failure) }
        if let readError { throw ArchiveReadError(description: "\(input.isEmpty ? "stdin" : input): \(readError)") }
    }

    /// Where the archive comes from: the file of `-i`, else stdin as `docker load` reads it
    /// (docker/cli cli/command/image/load.go), never a terminal.
    enum ArchiveSource: @unchecked Sendable {
        // @unchecked: the file is read by one task only, the producer.
        case file(FileHandle)
        case stdin

        init(path: String) throws(ShellUsageError) {
            if path.isEmpty {
                guard isatty(0) == 0 else { throw ShellUsageError("requested load from stdin, but stdin is empty") }
                self = .stdin
            } else if let file = FileHandle(forReadingAtPath: path) {
                self = .file(file)
            } else {
                throw ShellUsageError("open \(path): no such file or not readable")
            }
        }

        /// Hands the archive on in pieces; a slow target slows the reading.
        func read(_ send: (ByteBuffer) async -> Void) async throws {
            switch self {
            case .file(let file):
                defer { try? file.close() }
                while let data = try file.read(upToCount: 1 << 20), !data.isEmpty {
                    await send(ByteBuffer(bytes: data))
                }
            case .stdin:
                let stdin = StdinBroadcast(hosts: 1, perHost: 1 << 20)
                defer { stdin.stop() }
                for await chunk in stdin.subscribe() { await send(ByteBuffer(bytes: chunk)) }
            }
        }
    }
}

/// The local archive could not be read to its end; names the file.
struct ArchiveReadError: Error, Sendable, CustomStringConvertible {
    let description: String
}
