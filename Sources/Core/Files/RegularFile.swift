#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a whole file that a user, a tool or a peer may have put in our way: certificates, keys,
/// `config.json`, `meta.json`, rc files. The one way dmux reads such a file, because each of the
/// ordinary ways has a trap:
///
/// - `open` without `O_NONBLOCK` waits for a writer when the path is a FIFO (start-up hung on a
///   `ca.pem` FIFO); with it, `fstat` then refuses anything that is not a regular file (a FIFO, a
///   socket, `/dev/zero`, which would never end).
/// - A size cap, checked before and during the read, so a huge or growing file cannot take the
///   memory; sizes stay `Int` (an `Int32` length truncated them).
/// - Symbolic links are followed, as the docker CLI and docker-machine follow them (dotfile
///   managers link rc files; users link shared certificates): the checks above apply to the target.
public enum RegularFile {
    /// Larger than any certificate bundle, key or config file dmux reads (a system CA bundle is
    /// about 200 KiB).
    public static let defaultLimit = 4 << 20

    /// Why a file could not be read, in the words Go's `os` package uses (`open PATH: REASON`).
    public struct ReadError: Error, Sendable, Hashable, CustomStringConvertible {
        public let path: String
        /// Lowercase, as Go prints it: `no such file or directory`, `is a directory`,
        /// `not a regular file (a FIFO)`, `larger than 4 MiB`.
        public let reason: String
        /// The errno when the system refused, else nil (the file is the wrong kind or too large).
        public let code: Int32?

        public init(path: String, reason: String, code: Int32?) {
            self.path = path
            self.reason = reason
            self.code = code
        }

        public var description: String { "\(code == nil || code == EISDIR ? "read" : "open") \(path): \(reason)" }
    }

    /// The whole file at `path`, at most `limit` bytes.
    public static func read(_ path: String, limit: Int = defaultLimit) throws(ReadError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)
        guard fd >= 0 else { throw ReadError(path: path, reason: describe(errno), code: errno) }
        defer { close(fd) }
        var status = stat()
        guard fstat(fd, &status) == 0 else { throw ReadError(path: path, reason: describe(errno), code: errno) }
        if let kindProblem = problem(path: path, kind: status.st_mode & S_IFMT) { throw kindProblem }
        let tooLarge = ReadError(path: path, reason: "larger than \(describe(size: limit))", code: nil)
        let announced = Int(status.st_size)
        guard announced <= limit else { throw tooLarge }
        // One byte beyond what fstat announced shows a file that grew while it was read.
        var bytes = [UInt8](repeating: 0, count: announced + 1)
        var count = 0
        while true {
            if count == bytes.count {
                guard bytes.count <= limit else { wipe(&bytes); throw tooLarge }
                grow(&bytes, to: min(limit + 1, bytes.count * 2))
            }
            let got = bytes[count...].withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if got == 0 { break }
            if got < 0 {
                if errno == EINTR { continue }
                let code = errno
                wipe(&bytes)
                throw ReadError(path: path, reason: describe(code), code: code)
            }
            count += got
        }
        guard count <= limit else { wipe(&bytes); throw tooLarge }
        // Shrinks in place: no copy of the bytes (a private key) is left behind in freed memory.
        bytes.removeSubrange(count...)
        return bytes
    }

    /// Why `path` could not be read, without reading it (nil: a readable regular file, today).
    /// For choosing among candidate files; what is then read still goes through `read`.
    public static func problem(with path: String) -> ReadError? {
        var status = stat()
        guard stat(path, &status) == 0 else { return ReadError(path: path, reason: describe(errno), code: errno) }
        if let kindProblem = problem(path: path, kind: status.st_mode & S_IFMT) { return kindProblem }
        guard access(path, R_OK) == 0 else { return ReadError(path: path, reason: describe(errno), code: errno) }
        return nil
    }

    private static func problem(path: String, kind: mode_t) -> ReadError? {
        switch kind {
        case S_IFREG: nil
        case S_IFDIR: ReadError(path: path, reason: describe(EISDIR), code: EISDIR)
        default: ReadError(path: path, reason: "not a regular file (\(name(ofKind: kind)))", code: nil)
        }
    }

    /// Replaces `bytes` by a larger array holding the same bytes, zeroing the old storage first.
    private static func grow(_ bytes: inout [UInt8], to size: Int) {
        var larger = [UInt8](repeating: 0, count: size)
        larger.replaceSubrange(0..<bytes.count, with: bytes)
        wipe(&bytes)
        bytes = larger
    }

    private static func wipe(_ bytes: inout [UInt8]) {
        for index in bytes.indices { bytes[index] = 0 }
    }

    private static func describe(_ code: Int32) -> String {
        String(cString: strerror(code)).lowercased()
    }

    private static func describe(size: Int) -> String {
        size % (1 << 20) == 0 ? "\(size >> 20) MiB" : size % 1024 == 0 ? "\(size >> 10) KiB" : "\(size) bytes"
    }

    private static func name(ofKind kind: mode_t) -> String {
        switch kind {
        case S_IFIFO: "a FIFO"
        case S_IFSOCK: "a socket"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        default: "an unknown kind of file"
        }
    }
}
