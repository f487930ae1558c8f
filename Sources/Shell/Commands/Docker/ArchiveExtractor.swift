#if canImport(Glibc)
import Glibc
#endif
import DockerAPI
import Foundation

/// Writes a tar stream from an engine (`GET /containers/{id}/archive`) into a local directory as
/// it arrives, the top entry renamed as the copy plan says, as moby's `archive.CopyTo` does for
/// `docker cp CONTAINER:SRC DST`: no owners changed, no member allowed outside the directory.
final class ArchiveExtractor {
    private let directory: String
    private let plan: ArchiveCopyPlan
    private var reader = TarReader()
    private var file: FileHandle?
    /// Modes and times are set once a member is whole (a directory's after its contents).
    private var finishing: [(path: String, member: TarReader.Member)] = []

    init(directory: String, plan: ArchiveCopyPlan) {
        self.directory = directory
        self.plan = plan
    }

    func feed(_ bytes: some Collection<UInt8>) throws {
        for event in try reader.feed(bytes) { try apply(event) }
    }

    func finish() throws {
        for event in try reader.finish() { try apply(event) }
    }

    private func apply(_ event: TarReader.Event) throws {
        switch event {
        case .data(let bytes):
            try file?.write(contentsOf: bytes)
        case .member(let member):
            try closeFile()
            try create(member)
        case .end:
            try closeFile()
            for (path, member) in finishing.reversed() {
                if member.kind != .symlink { _ = chmod(path, mode_t(member.mode & 0o7777)) }
                var times = [timespec(tv_sec: member.modified, tv_nsec: 0), timespec(tv_sec: member.modified, tv_nsec: 0)]
                _ = utimensat(AT_FDCWD, path, &times, AT_SYMLINK_NOFOLLOW)
            }
            finishing = []
        }
    }

    private func closeFile() throws {
        try file?.close()
        file = nil
    }

    private func create(_ member: TarReader.Member) throws {
        let path = try destination(of: member.name)
        let manager = FileManager.default
        switch member.kind {
        case .directory:
            var isDirectory: ObjCBool = false
            if manager.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
                throw ExtractError(description: "cannot overwrite non-directory \"\(path)\" with directory")
            }
            try manager.createDirectory(atPath: path, withIntermediateDirectories: true)
        case .file, .other:
            try removeNonDirectory(path)
            guard manager.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
                throw ExtractError(description: "open \(path): cannot be created")
            }
            file = handle
        case .symlink:
            try removeNonDirectory(path)
            try manager.createSymbolicLink(atPath: path, withDestinationPath: member.linkTarget)
        case .hardlink:
            try removeNonDirectory(path)
            try manager.linkItem(atPath: try destination(of: member.linkTarget), toPath: path)
        }
        finishing.append((path, member))
    }

    private func removeNonDirectory(_ path: String) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) || isSymlink(path) else { return }
        if isDirectory.boolValue && !isSymlink(path) {
            throw ExtractError(description: "cannot overwrite directory \"\(path)\" with non-directory")
        }
        try FileManager.default.removeItem(atPath: path)
    }

    private func isSymlink(_ path: String) -> Bool {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) != nil
    }

    /// The member's local path; a name that climbs out of the directory is refused (moby's breakout check).
    private func destination(of name: String) throws -> String {
        let parts = plan.rebased(name).split(separator: "/").filter { $0 != "." && !$0.isEmpty }
        guard !parts.contains("..") else {
            throw ExtractError(description: "invalid archive member \"\(name)\": it points outside \(directory)")
        }
        // A link the archive made earlier must not carry a later member elsewhere.
        var path = directory
        for part in parts.dropLast() {
            path += "/" + part
            if isSymlink(path) {
                throw ExtractError(description: "invalid archive member \"\(name)\": it goes through the link \(path)")
            }
        }
        return ([directory] + parts.map(String.init)).joined(separator: "/")
    }

    struct ExtractError: Error, CustomStringConvertible {
        let description: String
    }
}
