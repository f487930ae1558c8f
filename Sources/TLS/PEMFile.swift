#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A PEM file read whole into memory, so that a missing or unreadable file is reported with the
/// system's own words and its role (`open /x/ca.pem: No such file or directory` in docker's terms)
/// before OpenSSL sees it.
struct PEMFile {
    let role: FileRole
    let path: String
    private(set) var bytes: [UInt8]

    init(role: FileRole, path: String) throws(TLSError) {
        self.role = role
        self.path = path
        self.bytes = try Self.readAll(role: role, path: path)
    }

    /// True when the text holds an encrypted key in either PEM form (PKCS#8 or legacy OpenSSL headers).
    var looksEncrypted: Bool {
        contains("-----BEGIN ENCRYPTED PRIVATE KEY-----") || contains("Proc-Type: 4,ENCRYPTED")
    }

    func contains(_ marker: String) -> Bool {
        let needle = Array(marker.utf8)
        guard needle.count <= bytes.count, let first = needle.first else { return false }
        var index = 0
        while index + needle.count <= bytes.count {
            if bytes[index] == first, bytes[index..<(index + needle.count)].elementsEqual(needle) { return true }
            index += 1
        }
        return false
    }

    /// Overwrites the bytes (used for key files once OpenSSL has parsed them).
    mutating func wipe() {
        for index in bytes.indices { bytes[index] = 0 }
        bytes.removeAll()
    }

    private static func readAll(role: FileRole, path: String) throws(TLSError) -> [UInt8] {
        guard !path.isEmpty else {
            throw TLSError(.fileUnreadable, "no \(role.rawValue) file given")
        }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw unreadable(role, path, errno) }
        defer { close(fd) }
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count == 0 { break }
            if count < 0 {
                if errno == EINTR { continue }
                throw unreadable(role, path, errno)
            }
            result.append(contentsOf: chunk[0..<count])
        }
        for index in chunk.indices { chunk[index] = 0 }
        return result
    }

    private static func unreadable(_ role: FileRole, _ path: String, _ code: Int32) -> TLSError {
        let reason = String(cString: strerror(code)).lowercased()
        return TLSError(.fileUnreadable, "cannot read \(role.noun) \(TLSError.fileLabel(role, path)): \(reason)")
    }
}
