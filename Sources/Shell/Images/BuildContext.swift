import Core
import DockerAPI
import Foundation
import NIOCore

/// A build context folder as the docker CLI sends it: a tar of everything `.dockerignore` does
/// not exclude (the Dockerfile and `.dockerignore` always kept), names sorted, owned by root,
/// made once while it is sent, in pieces of about a megabyte.
///
/// A Dockerfile from stdin or from outside the folder is added as `.dockerfile.RANDOM` and named in
/// the sent `.dockerignore`, as docker/cli's `AddDockerfileToBuildContext` does
/// (cli/command/image/build/context.go).
struct BuildContext: Sendable {
    let root: String
    let ignore: DockerIgnore
    let addedDockerfile: (name: String, content: [UInt8])?

    init(root: String, dockerfile: String, addedDockerfile: (name: String, content: [UInt8])? = nil) throws {
        self.addedDockerfile = addedDockerfile
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw BuildContextError(description: "unable to prepare context: path \"\(root)\" not found")
        }
        self.root = root
        let text = (try? String(contentsOfFile: root + "/.dockerignore", encoding: .utf8)) ?? ""
        do {
            var ignore = try DockerIgnore(fileText: text)
            try ignore.keep([".dockerignore", GoPathClean.clean(dockerfile)])
            self.ignore = ignore
        } catch {
            throw BuildContextError(description: "\(root)/.dockerignore: \(error)")
        }
    }

    /// Walks the folder and hands the tar to `send` piece by piece (TarStreamWriter).
    func stream(_ send: @Sendable (ByteBuffer) async -> Void) async throws {
        var entries: [TarStreamWriter.Entry] = []
        var sentIgnoreFile = false
        for relative in try members() {
            let path = root + "/" + relative
            if relative == ".dockerignore", let added = addedDockerfile,
               let attributes = try? FileManager.default.attributesOfItem(atPath: path), attributes[.type] as? FileAttributeType == .typeRegular {
                let mode = (attributes[.posixPermissions] as? Int) ?? 0o644
                let modified = Int((attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0)
                entries.append(.init(name: relative, bytes: try RegularFile.read(path) + Array("\n\(added.name)\n".utf8), mode: mode, modified: modified))
                sentIgnoreFile = true
                continue
            }
            entries.append(.init(path: path, name: relative))
        }
        if let added = addedDockerfile {
            let now = Int(Date().timeIntervalSince1970)
            entries.append(.init(name: added.name, bytes: added.content, mode: 0o600, modified: now))
            if !sentIgnoreFile { entries.append(.init(name: ".dockerignore", bytes: Array(".dockerignore\n\(added.name)\n".utf8), mode: 0o600, modified: now)) }
        }
        try await TarStreamWriter().stream(entries, send)
    }

    /// One regular file member made from bytes in memory.
    static func write(_ name: String, _ content: [UInt8], mode: Int, modified: Int, to tar: inout ByteBuffer) {
        tar.writeBytes(TarHeader(name: name, kind: .file(size: content.count), mode: mode, modified: modified).encoded())
        tar.writeBytes(content)
        tar.writeBytes([UInt8](repeating: 0, count: TarHeader.padding(content.count)))
    }

    /// docker/cli's name for an added Dockerfile: `.dockerfile.` and 20 random hex digits.
    static func randomDockerfileName() -> String {
        ".dockerfile." + String((0..<20).map { _ in "0123456789abcdef".randomElement()! })
    }

    /// The relative paths to send, parents before children, in name order.
    func members() throws -> [String] {
        var result: [String] = []
        func walk(_ directory: String) throws {
            let base = directory.isEmpty ? root : root + "/" + directory
            for name in try FileManager.default.contentsOfDirectory(atPath: base).sorted() {
                let relative = directory.isEmpty ? name : directory + "/" + name
                var isDirectory: ObjCBool = false
                let exists = FileManager.default.fileExists(atPath: base + "/" + name, isDirectory: &isDirectory)
                let isRealDirectory = exists && isDirectory.boolValue
                    && (try? FileManager.default.destinationOfSymbolicLink(atPath: base + "/" + name)) == nil
                if ignore.excludes(relative) {
                    if isRealDirectory && ignore.mayIncludeSomethingInside(relative) { try walk(relative) }
                    continue
                }
                result.append(relative)
                if isRealDirectory { try walk(relative) }
            }
        }
        try walk("")
        return result
    }
}

/// The context folder or its `.dockerignore` cannot be used; names the file.
struct BuildContextError: Error, Sendable, CustomStringConvertible {
    let description: String
}
