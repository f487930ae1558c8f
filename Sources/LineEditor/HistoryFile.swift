import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why the history file could not be read or written, with the path, for one clear line.
public struct HistoryFileError: Error, Sendable, CustomStringConvertible {
    public let path: String
    public let reason: String

    public var description: String { "history file \(path): \(reason)" }
}

/// The persistent REPL history: one entry per line, UTF-8, mode 0600 (entries can hold
/// host names and arguments), parent directories created on first write.
///
/// dmux keeps its own plain format instead of libedit's `write_history` file: entries are
/// appended as they are entered (nothing lost on a crash), lines the shell marks sensitive
/// never reach the disk although they stay in libedit's in-memory history, and the file reads
/// like `~/.bash_history`.
public struct HistoryFile: Sendable {
    public let path: String
    /// Entries kept when the file is compacted.
    public let limit: Int

    public init(path: String, limit: Int = 1000) {
        self.path = path
        self.limit = max(1, limit)
    }

    /// The last `limit` entries, oldest first; none when the file does not exist yet.
    public func load() throws(HistoryFileError) -> [String] {
        guard let data = FileManager.default.contents(atPath: path) else {
            if FileManager.default.fileExists(atPath: path) { throw error("cannot read it") }
            return []
        }
        let entries = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true)
            .map { String(decoding: $0, as: UTF8.self) }
            .filter { $0 != "_HiStOrY_V2_" }  // the header of a libedit-format file
        return Array(entries.suffix(limit))
    }

    /// Appends one entry (newlines inside it become spaces), creating the file and its parents.
    public func append(_ entry: String) throws(HistoryFileError) {
        let fd = try openFile(flags: O_WRONLY | O_APPEND | O_CREAT)
        defer { close(fd) }
        try writeAll(fd, Array((Self.flatten(entry) + "\n").utf8))
    }

    /// Rewrites the file with the last `limit` of `entries` (atomically, through a rename).
    ///
    /// The temporary file is always a new one (`O_EXCL | O_NOFOLLOW`, under a name no one can
    /// guess): a symlink planted under a predictable name would otherwise have the rewrite
    /// truncate and fill whatever file it points to.
    public func rewrite(_ entries: [String]) throws(HistoryFileError) {
        var (fd, temporary) = (Int32(-1), "")
        for attempt in 1...8 where fd < 0 {
            temporary = path + ".tmp\(getpid()).\(UInt32.random(in: 0...UInt32.max))"
            do throws(HistoryFileError) {
                fd = try openFile(flags: O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, at: temporary)
            } catch {
                var status = stat()
                // Only a name that is taken (by chance, or by a planted link) is worth another try.
                if attempt == 8 || lstat(temporary, &status) != 0 { throw error }
            }
        }
        let text = entries.suffix(limit).map { Self.flatten($0) + "\n" }.joined()
        do throws(HistoryFileError) {
            try writeAll(fd, Array(text.utf8))
            close(fd)
        } catch {
            close(fd)
            unlink(temporary)
            throw error
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw self.error("cannot replace it: \(reason)")
        }
    }

    private static func flatten(_ entry: String) -> String {
        entry.contains(where: \.isNewline) ? String(entry.map { $0.isNewline ? " " : $0 }) : entry
    }

    private func openFile(flags: Int32, at target: String? = nil) throws(HistoryFileError) -> Int32 {
        let target = target ?? path
        let parent = (target as NSString).deletingLastPathComponent
        if !parent.isEmpty, !FileManager.default.fileExists(atPath: parent) {
            do {
                try FileManager.default.createDirectory(
                    atPath: parent, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            } catch {
                throw self.error("cannot create directory \(parent): \(error.localizedDescription)")
            }
        }
        let fd = open(target, flags | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw error("cannot open it: \(String(cString: strerror(errno)))") }
        _ = fchmod(fd, 0o600)
        return fd
    }

    private func writeAll(_ fd: Int32, _ bytes: [UInt8]) throws(HistoryFileError) {
        var offset = 0
        while offset < bytes.count {
            let count = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { throw error("cannot write it: \(String(cString: strerror(errno)))") }
            offset += count
        }
    }

    private func error(_ reason: String) -> HistoryFileError {
        HistoryFileError(path: path, reason: reason)
    }
}
