import Core
import DockerAPI
import Foundation
import NIOCore

/// Where `build` takes its context from, as docker/cli decides it (cli/command/image/build.go
/// `runBuild`): a folder (with a Dockerfile from stdin or from outside it added), or stdin when
/// the context is `-`: an archive sent as it comes, or a Dockerfile wrapped in a one-file tar.
enum BuildInput: Sendable {
    case folder(BuildContext)
    case stdinArchive(StdinSource)
    case dockerfileOnly([UInt8])

    /// The largest Dockerfile read from stdin; an archive from stdin is streamed, never held.
    static let dockerfileLimit = 4 << 20

    /// The context named by `word` with the Dockerfile `dockerfile` (the `-f` value, "" when none).
    static func open(_ word: String, dockerfile: String) async throws -> (input: BuildInput, dockerfile: String) {
        if word == "-" {
            if dockerfile == "-" { throw ShellUsageError("invalid argument: can't use stdin for both build context and dockerfile") }
            guard isatty(0) == 0 else { throw ShellUsageError("unable to prepare context from STDIN: stdin is a terminal") }
            let stdin = StdinSource()
            let head = await stdin.read(atLeast: ArchiveMagic.peekSize)
            if ArchiveMagic.isArchive(head) {
                stdin.unread(head)
                return (.stdinArchive(stdin), dockerfile.isEmpty ? "Dockerfile" : dockerfile)
            }
            guard dockerfile.isEmpty else {
                stdin.stop()
                throw ShellUsageError("unable to prepare context from STDIN: ambiguous Dockerfile source: both stdin and flag correspond to Dockerfiles")
            }
            let text = head + (await stdin.read(atLeast: dockerfileLimit + 1 - head.count))
            stdin.stop()
            guard text.count <= dockerfileLimit else { throw ShellUsageError("unable to prepare context from STDIN: a Dockerfile over 4 MiB") }
            return (.dockerfileOnly(text), "Dockerfile")
        }
        let root = GoPathClean.clean(word)
        let place = try DockerfilePlace(root: root, given: dockerfile)
        var added: (name: String, content: [UInt8])?
        switch place {
        case .inside: break
        case .stdin:
            guard isatty(0) == 0 else { throw ShellUsageError("unable to read the Dockerfile from stdin: stdin is a terminal") }
            let stdin = StdinSource()
            let text = await stdin.read(atLeast: dockerfileLimit + 1)
            stdin.stop()
            guard text.count <= dockerfileLimit else { throw ShellUsageError("unable to read the Dockerfile from stdin: over 4 MiB") }
            added = (BuildContext.randomDockerfileName(), text)
        case .outside(let path):
            do { added = (BuildContext.randomDockerfileName(), try RegularFile.read(path)) } catch {
                throw ShellUsageError("unable to open Dockerfile: \(error)")
            }
        }
        let name = place.relative ?? added?.name ?? "Dockerfile"
        let context: BuildContext
        do {
            context = try BuildContext(root: root, dockerfile: name, addedDockerfile: added)
        } catch {
            throw ShellUsageError("\(error)")
        }
        if place.relative != nil, !FileManager.default.fileExists(atPath: root + "/" + name) {
            throw ShellUsageError("unable to prepare context: unable to evaluate symlinks in Dockerfile path: lstat \(root)/\(name): no such file or directory")
        }
        return (.folder(context), name)
    }

    /// Hands the context to `send` piece by piece.
    func stream(_ send: @Sendable (ByteBuffer) async -> Void) async throws {
        switch self {
        case .folder(let context):
            try await context.stream(send)
        case .stdinArchive(let stdin):
            defer { stdin.stop() }
            while let piece = await stdin.next() { await send(ByteBuffer(bytes: piece)) }
        case .dockerfileOnly(let text):
            var tar = ByteBuffer()
            BuildContext.write("Dockerfile", text, mode: 0o644, modified: Int(Date().timeIntervalSince1970), to: &tar)
            tar.writeBytes(TarHeader.end)
            await send(tar)
        }
    }
}

/// Where the Dockerfile of a folder context is, as docker/cli's `getDockerfileRelPath` finds it:
/// `-f` is relative to the working directory; one outside the folder is sent as an added file.
enum DockerfilePlace {
    case inside(String)
    case stdin
    case outside(String)

    init(root: String, given: String) throws(ShellUsageError) {
        if given == "-" {
            self = .stdin
            return
        }
        guard !given.isEmpty else {
            self = .inside("Dockerfile")
            return
        }
        let base = FileManager.default.currentDirectoryPath
        let absoluteRoot = GoPathClean.clean(root.hasPrefix("/") ? root : base + "/" + root)
        let absoluteFile = GoPathClean.clean(given.hasPrefix("/") ? given : base + "/" + given)
        if absoluteFile.hasPrefix(absoluteRoot == "/" ? "/" : absoluteRoot + "/") {
            self = .inside(String(absoluteFile.dropFirst(absoluteRoot == "/" ? 1 : absoluteRoot.count + 1)))
        } else {
            self = .outside(absoluteFile)
        }
    }

    /// The name the Dockerfile has inside the folder, kept whatever `.dockerignore` says.
    var relative: String? {
        if case .inside(let name) = self { return name }
        return nil
    }
}

/// dmux's stdin read in order by one task at a time, with the first bytes put back after a peek.
final class StdinSource: @unchecked Sendable {
    // @unchecked: used by one task at a time (the peek, then the producer), one after the other.
    private let broadcast = StdinBroadcast(hosts: 1, perHost: 1 << 20)
    private var iterator: AsyncStream<[UInt8]>.Iterator
    private var putBack: [UInt8]?

    init() {
        iterator = broadcast.subscribe().makeAsyncIterator()
    }

    func next() async -> [UInt8]? {
        if let head = putBack {
            putBack = nil
            return head
        }
        return await iterator.next()
    }

    /// At least `count` bytes, fewer only at end of input.
    func read(atLeast count: Int) async -> [UInt8] {
        var bytes: [UInt8] = []
        while bytes.count < count, let piece = await next() { bytes += piece }
        return bytes
    }

    func unread(_ bytes: [UInt8]) { putBack = bytes }

    func stop() { broadcast.stop() }
}
