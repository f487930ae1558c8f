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

    /// Walks the folder and hands the tar to `send` piece by piece.
    func stream(_ send: @Sendable (ByteBuffer) async -> Void) async throws {
        var pending = ByteBuffer()
        func flush(ifAbove limit: Int) async {
            guard pending.readableBytes > limit else { return }
            await send(pending)
            pending = ByteBuffer()
        }
        var sentIgnoreFile = false
        for relative in try members() {
            let path = root + "/" + relative
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            let mode = (attributes[.posixPermissions] as? Int) ?? 0o644
            let modified = Int((attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0)
            if relative == ".dockerignore", let added = addedDockerfile, attributes[.type] as? FileAttributeType == .typeRegular {
                let text = try RegularFile.read(path) + Array("\n\(added.name)\n".utf8)
                Self.write(relative, text, mode: mode, modified: modified, to: &pending)
                sentIgnoreFile = true
                continue
            }
            switch attributes[.type] as? FileAttributeType {
            case .typeDirectory?:
                pending.writeBytes(TarHeader(name: relative, kind: .directory, mode: mode, modified: modified).encoded())
            case .typeSymbolicLink?:
                let target = try FileManager.default.destinationOfSymbolicLink(atPath: path)
                pending.writeBytes(TarHeader(name: relative, kind: .symlink(target: target), mode: mode, modified: modified).encoded())
            case .typeRegular?:
                guard let file = FileHandle(forReadingAtPath: path) else {
                    throw BuildContextError(description: "\(path): cannot be read")
                }
                defer { try? file.close() }
                let size = (attributes[.size] as? Int) ?? 0
                pending.writeBytes(TarHeader(name: relative, kind: .file(size: size), mode: mode, modified: modified).encoded())
                var written = 0
                while written < size, let data = try file.read(upToCount: min(1 << 20, size - written)), !data.isEmpty {
                    pending.writeBytes(data)
                    written += data.count
                    await flush(ifAbove: 1 << 20)
                }
                guard written == size else { throw BuildContextError(description: "\(path): changed while it was read") }
                pending.writeBytes([UInt8](repeating: 0, count: TarHeader.padding(size)))
            default:
                continue  // sockets, fifos and devices are not sent (as with the docker CLI)
            }
            await flush(ifAbove: 1 << 20)
        }
        if let added = addedDockerfile {
            let now = Int(Date().timeIntervalSince1970)
            Self.write(added.name, added.content, mode: 0o600, modified: now, to: &pending)
            if !sentIgnoreFile { Self.write(".dockerignore", Array(".dockerignore\n\(added.name)\n".utf8), mode: 0o600, modified: now, to: &pending) }
        }
        pending.writeBytes(TarHeader.end)
        await send(pending)
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
