import DockerAPI
import FanOut
import Foundation
import NIOConcurrencyHelpers
import NIOCore

/// `cp SRC CONTAINER:DST` on every target: each host's destination is looked at first (a
/// directory, a file, nothing), the hosts that need the same archive share it, and each such
/// archive is tarred once from the local disk and sent to all of them at once (BodyBroadcast).
struct CopyIn {
    let invocation: Invocation
    let source: String
    let container: String
    let destination: String

    func run() async throws {
        if source == "-" { return try await fromStdin() }
        let local = LocalPath(source)
        let follow = invocation.arguments.isOn("follow-link")
        guard let found = local.lstat(followLink: follow) else { throw ShellUsageError(local.missingError) }
        let sourceBase = ArchiveCopyPlan.split(local.trimmed).base
        let container = self.container, destination = self.destination
        var plans: [String: (plan: ArchiveCopyPlan, path: String)] = [:]
        await invocation.eachHost { host in
            try await Self.plan(sourceBase: sourceBase, sourceIsDirectory: found.isDirectory, container: container,
                                destination: destination, on: host)
        } onSuccess: { host, plan in
            plans[host.name] = plan
        }
        let ready = invocation.targets.compactMap { host in plans[host.name].map { (host: host, plan: $0.plan) } }
        let groups = Dictionary(grouping: ready) { "\($0.plan.directory)\u{0}\($0.plan.rename?.to ?? sourceBase)" }
        let entries = try members(of: local.trimmed, following: follow)
        let planned = plans
        for group in groups.values {
            let plan = group[0].plan
            try await send(entries, top: plan.rename?.to ?? sourceBase, to: group.map(\.host),
                           directory: plan.directory, shownPath: { planned[$0]?.path ?? "" })
        }
    }

    /// `cp - CONTAINER:DIR`: a tar read from stdin, extracted into a directory that must exist on each host.
    private func fromStdin() async throws {
        let container = self.container, destination = self.destination
        var ready: [HostSession] = []
        await invocation.eachHost { host in
            guard try await CopyCommand.stat(container, destination, on: host)?.isDirectory == true else {
                let message = "destination \"\(container):\(destination)\" must be a directory"
                throw HostFailure(host: host.name, kind: .failed, message: message, dockerMessage: message)
            }
        } onSuccess: { host, _ in
            ready.append(host)
        }
        guard !ready.isEmpty else { return }
        let failures = FailureQueue()
        let broadcast = extraction(into: destination, on: ready, failures: failures)
        let reader = StdinReader()
        defer { reader.stop() }
        let readError = await broadcast.run { send in
            for await chunk in reader.chunks() { await send(ByteBuffer(bytes: chunk)) }
        }
        for failure in failures.all { invocation.presenter.failure(failure) }
        if let readError { throw ArchiveReadError(description: "stdin: \(readError)") }
    }

    /// One host's plan: the destination's stat (a link followed once, as docker does) and moby's rules.
    static func plan(
        sourceBase: String, sourceIsDirectory: Bool, container: String, destination: String, on host: HostSession
    ) async throws -> (plan: ArchiveCopyPlan, path: String) {
        var path = destination
        var stat = try await CopyCommand.stat(container, path, on: host)
        if let link = stat, link.isSymlink {
            path = link.linkTarget.hasPrefix("/") ? link.linkTarget : ArchiveCopyPlan.split(destination).parent + "/" + link.linkTarget
            stat = try await CopyCommand.stat(container, path, on: host)
        }
        do throws(ArchiveCopyPlan.Refusal) {
            let plan = try ArchiveCopyPlan.plan(sourceBase: sourceBase, sourceIsDirectory: sourceIsDirectory, destination: path,
                                                exists: stat != nil, isDirectory: stat?.isDirectory ?? false)
            return (plan, path)
        } catch {
            throw HostFailure(host: host.name, kind: .failed, message: error.description, dockerMessage: error.description)
        }
    }

    /// The tree's members, parents first, names relative to it (`top` is put in front when sent).
    private func members(of root: String, following: Bool) throws -> [String] {
        let base = following ? ((try? FileManager.default.destinationOfSymbolicLink(atPath: root)).map {
            $0.hasPrefix("/") ? $0 : (root as NSString).deletingLastPathComponent + "/" + $0
        } ?? root) : root
        var result = [""]
        guard LocalPath(base).lstat()?.isDirectory == true else { return [base] }
        func walk(_ relative: String) throws {
            let directory = relative.isEmpty ? base : base + "/" + relative
            for name in try FileManager.default.contentsOfDirectory(atPath: directory).sorted() {
                let child = relative.isEmpty ? name : relative + "/" + name
                result.append(child)
                if LocalPath(base + "/" + child).lstat()?.isDirectory == true { try walk(child) }
            }
        }
        try walk("")
        return result.map { $0.isEmpty ? base : base + "/" + $0 }
    }

    private func send(
        _ paths: [String], top: String, to hosts: [HostSession], directory: String, shownPath: @escaping @Sendable (String) -> String
    ) async throws {
        let root = paths[0]
        let entries = paths.map { path in
            TarStreamWriter.Entry(path: path, name: path == root ? top : top + path.dropFirst(root.count))
        }
        let failures = FailureQueue()
        let broadcast = extraction(into: directory, on: hosts, failures: failures)
        let sent = ByteCount()
        let writer = TarStreamWriter(keepOwners: invocation.arguments.isOn("archive"))
        let readError = await broadcast.run { send in
            try await writer.stream(entries) { piece in
                sent.add(piece.readableBytes)
                await send(piece)
            }
        }
        for failure in failures.all { invocation.presenter.failure(failure) }
        if let readError { throw ArchiveReadError(description: "\(root): \(readError)") }
        let failed = Set(failures.all.map(\.host))
        for host in hosts where !failed.contains(host.name) {
            let shown = "\(container):\(shownPath(host.name))"
            invocation.presenter.record(host: host.name, json: .object([("copied", .int(sent.total)), ("to", .string(shown))]))
            if CopyCommand.reportsProgress(invocation) {
                invocation.presenter.line(host: host.name, text: "Successfully copied \(GoUnits.humanSize(Double(sent.total), precision: 3)) to \(shown)", stderr: true)
            }
        }
    }

    /// One archive sent to `hosts` at once and extracted into `directory` in the container on each.
    private func extraction(into directory: String, on hosts: [HostSession], failures: FailureQueue) -> BodyBroadcast {
        let request = EngineRequests.extractArchive(container, directory: directory, copyUIDGID: invocation.arguments.isOn("archive"))
        return BodyBroadcast(targets: hosts, presenter: invocation.presenter, board: nil, failures: failures, request: request) { _, response in
            _ = try await response.collect(upTo: 1 << 20)
            return nil
        }
    }

    /// The bytes of the archive sent so far, counted by the one task that reads the disk.
    final class ByteCount: Sendable {
        private let count = NIOLockedValueBox(0)
        func add(_ bytes: Int) { count.withLockedValue { $0 += bytes } }
        var total: Int { count.withLockedValue { $0 } }
    }
}
