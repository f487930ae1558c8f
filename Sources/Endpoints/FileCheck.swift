import Foundation

/// File-system questions asked during discovery, phrased as the errors docker users know.
enum FileCheck {
    /// nil when `path` is a readable regular file; else `open <path>: no such file or directory`-style text.
    static func problem(with path: String) -> String? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return "open \(path): no such file or directory"
        }
        if isDirectory.boolValue { return "read \(path): is a directory" }
        if !FileManager.default.isReadableFile(atPath: path) { return "open \(path): permission denied" }
        return nil
    }

    static func isFile(_ path: String) -> Bool { problem(with: path) == nil }

    static func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

    static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// `dir/name` without doubling slashes.
    static func join(_ dir: String, _ name: String) -> String {
        dir.hasSuffix("/") ? dir + name : dir + "/" + name
    }
}
