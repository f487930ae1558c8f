import Foundation

/// A throw-away folder tree for one test; removed when the value is released.
final class TempTree: @unchecked Sendable {
    let root: String

    init() throws {
        let base = FileManager.default.temporaryDirectory.path
        root = base + "/dmux-endpoints-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    func path(_ relative: String) -> String { root + "/" + relative }

    /// Writes `contents` at `relative`, creating parent folders; returns the absolute path.
    @discardableResult
    func write(_ relative: String, _ contents: String = "x\n") throws -> String {
        let full = path(relative)
        let parent = (full as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        try Data(contents.utf8).write(to: URL(fileURLWithPath: full))
        // Private keys are 0600 where docker and docker-machine write them; wider ones draw a warning.
        if full.hasSuffix("key.pem") { chmod(full, 0o600) }
        return full
    }

    @discardableResult
    func mkdir(_ relative: String) throws -> String {
        let full = path(relative)
        try FileManager.default.createDirectory(atPath: full, withIntermediateDirectories: true)
        return full
    }

    /// Writes the three files docker clients look for in a cert folder.
    func writeCerts(in relative: String, ca: Bool = true, cert: Bool = true, key: Bool = true) throws {
        try mkdir(relative)
        if ca { try write(relative + "/ca.pem", "-----BEGIN CERTIFICATE-----\n") }
        if cert { try write(relative + "/cert.pem", "-----BEGIN CERTIFICATE-----\n") }
        if key { try write(relative + "/key.pem", "-----BEGIN RSA PRIVATE KEY-----\n") }
    }
}
