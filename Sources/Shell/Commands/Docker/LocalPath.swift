#if canImport(Glibc)
import Glibc
#endif
import DockerAPI
import Foundation

/// A local path of `cp` as docker/cli resolves it (`resolveLocalPath`: absolute, a trailing `/`
/// or `/.` kept), and what `lstat` finds there, with docker's words when nothing is there.
struct LocalPath: Sendable {
    let path: String

    init(_ given: String, cwd: String = FileManager.default.currentDirectoryPath) {
        let joined = given.hasPrefix("/") ? given : cwd + "/" + given
        var parts: [Substring] = []
        for part in joined.split(separator: "/") where part != "." {
            if part == ".." { _ = parts.popLast() } else { parts.append(part) }
        }
        var path = "/" + parts.joined(separator: "/")
        if ArchiveCopyPlan.assertsDirectory(given) && path != "/" { path += given.hasSuffix("/.") ? "/." : "/" }
        self.path = path
    }

    /// What is there: nil when nothing is.
    func lstat(followLink: Bool = false) -> (isDirectory: Bool, isSymlink: Bool)? {
        var info = Glibc.stat()
        let found: Int32
        if followLink { found = stat(trimmed, &info) } else { found = Glibc.lstat(trimmed, &info) }
        guard found == 0 else { return nil }
        return ((info.st_mode & S_IFMT) == S_IFDIR, (info.st_mode & S_IFMT) == S_IFLNK)
    }

    /// docker's error for a path that is not there: Go's `lstat` of the first missing element,
    /// its parent and name joined as moby's `CopyInfoSourcePath` joins them (`lstat //nope` for `/nope`).
    var missingError: String {
        var parent = (trimmed as NSString).deletingLastPathComponent
        var name = (trimmed as NSString).lastPathComponent
        while parent != "/" && LocalPath(parent).lstat() == nil {
            name = (parent as NSString).lastPathComponent
            parent = (parent as NSString).deletingLastPathComponent
        }
        return "lstat \(parent)/\(name): no such file or directory"
    }

    /// The path without its trailing `/` or `/.`.
    var trimmed: String {
        var text = Substring(path)
        if text.hasSuffix("/.") { text = text.dropLast(2) }
        while text.count > 1 && text.hasSuffix("/") { text = text.dropLast() }
        return text.isEmpty ? "/" : String(text)
    }
}
