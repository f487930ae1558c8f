import Core

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

    /// Through `RegularFile`: a FIFO in place of `ca.pem` hung start-up; a device never ended.
    private static func readAll(role: FileRole, path: String) throws(TLSError) -> [UInt8] {
        guard !path.isEmpty else {
            throw TLSError(.fileUnreadable, "no \(role.rawValue) file given")
        }
        do throws(RegularFile.ReadError) {
            return try RegularFile.read(path)
        } catch {
            throw TLSError(.fileUnreadable, "cannot read \(role.noun) \(TLSError.fileLabel(role, path)): \(error.reason)")
        }
    }
}
