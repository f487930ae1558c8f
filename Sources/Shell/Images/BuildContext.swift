import DockerAPI
import Foundation
import NIOCore

/// A build context folder as the docker CLI sends it: a tar of everything `.dockerignore` does
/// not exclude (the Dockerfile and `.dockerignore` always kept), names sorted, owned by root,
/// made once while it is sent, in pieces of about a megabyte.
struct BuildContext: Sendable {
    let root: String
    let ignore: DockerIgnore

    init(root: String, dockerfile: String) throws {
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
        try await TarStreamWriter().stream(try members().map { .init(path: root + "/" + $0, name: $0) }, send)
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
