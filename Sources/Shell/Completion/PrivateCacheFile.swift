import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A cache file that only its user can have written. `XDG_CACHE_HOME` may point into a shared
/// folder (`/tmp`): there another user could leave a `dmux/completion.json` of their choosing,
/// or a symlink for dmux to write through. So a file is read only when it is a regular file
/// (not followed through a link) owned by us and not writable by others, in a folder that is
/// ours and not writable by others; and it is replaced only through a new temporary file
/// (`O_EXCL | O_NOFOLLOW`) in such a folder.
struct PrivateCacheFile {
    let path: String
    /// A cache is small; a huge file is not one of ours.
    var sizeLimit = 8 * 1024 * 1024

    var folder: String { (path as NSString).deletingLastPathComponent }

    /// The file's bytes, or nil when it is missing or anyone but us could have written it.
    func read() -> Data? {
        guard Self.isOurs(folder, directory: true) else { return nil }
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var status = stat()
        guard fstat(fd, &status) == 0, Self.isOurs(status, type: S_IFREG), Int(status.st_size) <= sizeLimit else { return nil }
        var data = Data()
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while data.count <= sizeLimit {
            let count = Glibc.read(fd, &chunk, chunk.count)
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            data.append(contentsOf: chunk[0..<count])
        }
        return data.count <= sizeLimit ? data : nil
    }

    /// Replaces the file with `data` (mode 0600, through a rename), creating its folder 0700;
    /// false when the folder is not ours alone or writing failed.
    @discardableResult
    func write(_ data: Data) -> Bool {
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                 attributes: [.posixPermissions: 0o700])
        guard Self.isOurs(folder, directory: true) else { return false }
        let temporary = path + ".\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return false }
        let written = data.withUnsafeBytes { bytes -> Bool in
            var offset = 0
            while offset < bytes.count {
                let count = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else { return false }
                offset += count
            }
            return true
        }
        close(fd)
        guard written, rename(temporary, path) == 0 else {
            unlink(temporary)
            return false
        }
        return true
    }

    private static func isOurs(_ path: String, directory: Bool) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0 && isOurs(status, type: directory ? S_IFDIR : S_IFREG)
    }

    private static func isOurs(_ status: stat, type: mode_t) -> Bool {
        status.st_mode & S_IFMT == type && status.st_uid == geteuid() && status.st_mode & 0o022 == 0
    }
}
