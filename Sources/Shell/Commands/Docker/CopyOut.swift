import DockerAPI
import FanOut
import Foundation
import NIOCore

/// `cp CONTAINER:SRC DST` from every target: each host's archive is unpacked as it arrives into
/// `DST/HOST/`, so the hosts' copies sit side by side; with one target, into `DST` exactly as
/// docker's `archive.CopyTo` would (or, for `-`, the raw tar on stdout).
struct CopyOut {
    let invocation: Invocation
    let container: String
    let source: String
    let destination: String

    func run() async throws {
        let single = invocation.targets.count == 1
        if destination == "-" {
            guard single else { throw ShellUsageError("cp: '-' writes one tar stream; pick one host with @NAME") }
            return await toStdout()
        }
        let local = LocalPath(destination)
        if !single {
            // One folder per host under DST: DST itself must be a folder or be made one.
            if local.lstat(followLink: true) == nil {
                guard LocalPath(ArchiveCopyPlan.split(local.trimmed).parent).lstat(followLink: true)?.isDirectory == true else {
                    throw ShellUsageError(local.missingError)
                }
                try FileManager.default.createDirectory(atPath: local.trimmed, withIntermediateDirectories: false)
            } else if local.lstat(followLink: true)?.isDirectory != true {
                throw ShellUsageError("cp: \(local.trimmed) must be a directory to hold one copy per host")
            }
        }
        let (container, source, follow) = (self.container, self.source, invocation.arguments.isOn("follow-link"))
        let progress = CopyCommand.reportsProgress(invocation)
        let presenter = invocation.presenter
        await invocation.eachHost(timeout: .some(nil)) { host in
            let target = single ? local : LocalPath(local.trimmed + "/" + host.name + "/")
            if !single { try FileManager.default.createDirectory(atPath: target.trimmed, withIntermediateDirectories: true) }
            let bytes = try await Self.copy(container, source, following: follow, on: host, into: target)
            presenter.record(host: host.name, json: .object([("copied", .int(bytes)), ("to", .string(target.trimmed))]))
            if progress {
                presenter.line(host: host.name, text: "Successfully copied \(GoUnits.humanSize(Double(bytes), precision: 3)) to \(target.trimmed)", stderr: true)
            }
        }
    }

    /// One host's copy; the bytes of the archive read.
    static func copy(_ container: String, _ source: String, following: Bool, on host: HostSession, into target: LocalPath) async throws -> Int {
        var path = source
        var rebaseName: String?
        if following, let link = try await CopyCommand.stat(container, source, on: host), link.isSymlink {
            path = link.linkTarget.hasPrefix("/") ? link.linkTarget : ArchiveCopyPlan.split(source).parent + "/" + link.linkTarget
            rebaseName = ArchiveCopyPlan.split(source).base
        }
        return try await host.stream(EngineRequests.archive(container, path: path)) { response in
            let stat = PathStat(header: response.head.headers.first("X-Docker-Container-Path-Stat"))
            let archiveBase = ArchiveCopyPlan.split(path).base
            let found = target.lstat(followLink: true)
            var plan: ArchiveCopyPlan
            do throws(ArchiveCopyPlan.Refusal) {
                plan = try ArchiveCopyPlan.plan(sourceBase: rebaseName ?? archiveBase, sourceIsDirectory: stat?.isDirectory ?? false,
                                                destination: target.path, exists: found != nil, isDirectory: found?.isDirectory ?? false)
            } catch {
                throw HostFailure(host: host.name, kind: .failed, message: error.description, dockerMessage: error.description)
            }
            // With -L the archive holds the link's target under its own name: that is what is renamed.
            if let rebaseName { plan.rename = (archiveBase, plan.rename?.to ?? rebaseName) }
            guard LocalPath(plan.directory).lstat(followLink: true)?.isDirectory == true else {
                let message = LocalPath(plan.directory).missingError
                throw HostFailure(host: host.name, kind: .failed, message: message, dockerMessage: message)
            }
            let extractor = ArchiveExtractor(directory: plan.directory, plan: plan)
            var bytes = 0
            while let piece = try await response.next() {
                bytes += piece.readableBytes
                try extractor.feed(piece.readableBytesView)
            }
            try extractor.finish()
            return bytes
        }
    }

    /// `cp CONTAINER:SRC -`: the engine's tar as it comes.
    private func toStdout() async {
        let (container, source) = (self.container, self.source)
        await invocation.eachHost(timeout: .some(nil)) { host in
            try await host.stream(EngineRequests.archive(container, path: source)) { response in
                while let piece = try await response.next() {
                    try FileHandle.standardOutput.write(contentsOf: Data(piece.readableBytesView))
                }
            }
        }
    }
}
