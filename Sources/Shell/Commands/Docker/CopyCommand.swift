import DockerAPI
import FanOut
import Foundation
import NIOCore
import Transport

/// `cp SRC CONTAINER:DST` and `cp CONTAINER:SRC DST` across the targets (docker/cli
/// cli/command/container/cp.go). Into containers the local file or tree is tarred once and sent
/// to every target at once; out of them each host's copy lands in `DST/HOST/…` so hosts never
/// overwrite each other — with one target, exactly where docker puts it.
enum CopyCommand {
    static let spec = CommandSpec(
        name: "cp", summary: "Copy files/folders between the containers of every target and the local filesystem",
        scope: .engines,
        flags: [
            FlagSpec("follow-link", short: "L", help: "Always follow symbol link in SRC_PATH"),
            FlagSpec("archive", short: "a", help: "Archive mode (copy all uid/gid information)"),
            FlagSpec("quiet", short: "q", help: "Suppress progress output during copy. Progress output is automatically suppressed if no terminal is attached"),
        ],
        arguments: [ArgumentSpec("SRC", completion: .file), ArgumentSpec("DEST", completion: .file)],
        shape: .lines
    ) { invocation in
        let words = try invocation.requireArguments(2, "SRC DEST")
        guard words.count == 2 else { throw ShellUsageError("\"cp\" requires exactly 2 arguments") }
        guard !words[0].isEmpty else { throw ShellUsageError("source can not be empty") }
        guard !words[1].isEmpty else { throw ShellUsageError("destination can not be empty") }
        let source = split(words[0]), destination = split(words[1])
        switch (source.container, destination.container) {
        case (nil, let container?):
            try await CopyIn(invocation: invocation, source: source.path, container: container, destination: destination.path).run()
        case (let container?, nil):
            try await CopyOut(invocation: invocation, container: container, source: source.path, destination: destination.path).run()
        case (_?, _?):
            throw ShellUsageError("copying between containers is not supported")
        case (nil, nil):
            throw ShellUsageError("must specify at least one container source")
        }
    }

    /// docker's `splitCpArg`: `CONTAINER:PATH`, unless the word is an absolute path or starts with `.`.
    static func split(_ word: String) -> (container: String?, path: String) {
        if word.hasPrefix("/") { return (nil, word) }
        guard let colon = word.firstIndex(of: ":") else { return (nil, word) }
        let container = String(word[..<colon])
        if container.hasPrefix(".") { return (nil, word) }
        return (container, String(word[word.index(after: colon)...]))
    }

    /// docker's progress line, on stderr when a terminal is attached and `-q` is not given.
    static func reportsProgress(_ invocation: Invocation) -> Bool {
        invocation.console.isTerminal && !invocation.arguments.isOn("quiet")
    }

    /// `HEAD …/archive`: the stat of a path in a container, nil when it is not there.
    static func stat(_ container: String, _ path: String, on host: HostSession) async throws -> PathStat? {
        do {
            return try await host.stream(EngineRequests.statPath(container, path: path)) { response in
                PathStat(header: response.head.headers.first("X-Docker-Container-Path-Stat"))
            }
        } catch let error as EngineAPIError where error.status == 404 {
            return nil
        }
    }
}
