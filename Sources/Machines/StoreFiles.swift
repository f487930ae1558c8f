import Core
import Foundation

/// Writes into the machine store the way libmachine does: each file to a temporary sibling and
/// renamed into place (a reader never sees half a file), folders 0700, keys 0600.
enum StoreFiles {
    /// Writes `bytes` to `path` atomically with `mode`.
    static func write(_ bytes: [UInt8], to path: String, mode: mode_t) throws(MachineError) {
        var template = Array((path + ".tmpXXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw failure("create a temporary file for", path) }
        let temporary = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var ok = fchmod(fd, mode) == 0
        var offset = 0
        while ok && offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if written <= 0 { ok = false } else { offset += written }
        }
        ok = ok && fsync(fd) == 0
        let saved = errno
        close(fd)
        guard ok, rename(temporary, path) == 0 else {
            let error = ok ? failure("rename into place", path) : failure("write", path, errno: saved)
            unlink(temporary)
            throw error
        }
    }

    static func write(_ text: String, to path: String, mode: mode_t) throws(MachineError) {
        try write(Array(text.utf8), to: path, mode: mode)
    }

    /// A store file, through `RegularFile` (regular files only, bounded: a FIFO would hang).
    static func read(_ path: String) throws(MachineError) -> [UInt8] {
        do throws(RegularFile.ReadError) {
            return try RegularFile.read(path)
        } catch {
            throw MachineError(.failed, "\(error)")
        }
    }

    /// Creates `path` (and its parents) with `mode` when missing. An existing directory may be
    /// tightened to `mode` but is never loosened: a store root the user keeps 0700 stays 0700
    /// (docker-machine's `os.MkdirAll` leaves existing folders alone).
    static func makeDirectory(_ path: String, mode: mode_t) throws(MachineError) {
        var status = stat()
        if stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFDIR {
            let current = status.st_mode & 0o7777
            let tightened = current & (mode | ~0o777)
            guard tightened == current || chmod(path, tightened) == 0 else { throw failure("chmod", path) }
            return
        }
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw MachineError(.failed, "mkdir \(path): \(error.localizedDescription)")
        }
        guard chmod(path, mode) == 0 else { throw failure("chmod", path) }
    }

    static func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

    static func remove(_ path: String) { try? FileManager.default.removeItem(atPath: path) }

    static func failure(_ action: String, _ path: String, errno code: Int32 = errno) -> MachineError {
        MachineError(.failed, "\(action) \(path): \(String(cString: strerror(code)))")
    }
}
