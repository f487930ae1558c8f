import Core
import Foundation

/// File-system questions asked during discovery, phrased as the errors docker users know.
enum FileCheck {
    /// nil when `path` is a readable regular file; else `open <path>: no such file or directory`-style text.
    /// A FIFO or a device is refused here too: reading one would wait or never end.
    static func problem(with path: String) -> String? {
        RegularFile.problem(with: path)?.description
    }

    /// The whole file (bounded, regular files only), or one line saying why not.
    static func read(_ path: String) throws(RegularFile.ReadError) -> Data {
        Data(try RegularFile.read(path))
    }

    static func isFile(_ path: String) -> Bool { problem(with: path) == nil }

    /// ssh's warning for a private key that others may read (any group or other permission bit),
    /// as one line; nil when the key is private or cannot be examined. dmux still uses the key.
    static func unprotectedKeyWarning(_ path: String) -> String? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue, mode & 0o077 != 0 else { return nil }
        let octal = String(mode & 0o7777, radix: 8)
        return "UNPROTECTED PRIVATE KEY FILE: permissions \(String(repeating: "0", count: max(0, 4 - octal.count)) + octal) "
            + "for '\(path)' are too open; it is recommended that your private key files are NOT accessible by others "
            + "(chmod 600 '\(path)')"
    }

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
