import Core
import Foundation
import Testing

/// Reading what a user, a tool or a peer put at a path: only regular files, bounded, at once.
@Suite struct RegularFileTests {
    let directory: String

    init() throws {
        directory = NSTemporaryDirectory() + "dmux-regularfile-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    func cleanUp() { try? FileManager.default.removeItem(atPath: directory) }

    @Test func readsARegularFileWholeAndThroughALink() throws {
        defer { cleanUp() }
        let path = directory + "/ca.pem"
        let bytes = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        #expect(try RegularFile.read(path) == bytes)
        #expect(symlink(path, directory + "/link.pem") == 0)
        #expect(try RegularFile.read(directory + "/link.pem") == bytes)
        try Data().write(to: URL(fileURLWithPath: directory + "/empty"))
        #expect(try RegularFile.read(directory + "/empty") == [])
        #expect(RegularFile.problem(with: path) == nil)
    }

    /// A FIFO made start-up wait for a writer that never came.
    @Test func aFIFOIsRefusedWithoutWaiting() throws {
        defer { cleanUp() }
        let path = directory + "/ca.pem"
        #expect(mkfifo(path, 0o600) == 0)
        let started = Date()
        let error = try #require(throws: RegularFile.ReadError.self) { try RegularFile.read(path) }
        #expect(error.description == "read \(path): not a regular file (a FIFO)")
        #expect(Date().timeIntervalSince(started) < 1)
        #expect(RegularFile.problem(with: path) == error)
        // Through a link too: the check is on what was opened.
        #expect(symlink(path, directory + "/link.pem") == 0)
        #expect(throws: RegularFile.ReadError.self) { try RegularFile.read(directory + "/link.pem") }
    }

    @Test func devicesDirectoriesAndMissingFilesAreOneLineEach() throws {
        defer { cleanUp() }
        let zero = try #require(throws: RegularFile.ReadError.self) { try RegularFile.read("/dev/zero") }
        #expect(zero.description == "read /dev/zero: not a regular file (a character device)")
        let folder = try #require(throws: RegularFile.ReadError.self) { try RegularFile.read(directory) }
        #expect(folder.description == "read \(directory): is a directory")
        let missing = try #require(throws: RegularFile.ReadError.self) { try RegularFile.read(directory + "/nope") }
        #expect(missing.description == "open \(directory)/nope: no such file or directory" && missing.code == ENOENT)
    }

    @Test func aFileOverTheLimitIsRefused() throws {
        defer { cleanUp() }
        let path = directory + "/big"
        try Data(count: 4097).write(to: URL(fileURLWithPath: path))
        let error = try #require(throws: RegularFile.ReadError.self) { try RegularFile.read(path, limit: 4096) }
        #expect(error.description == "read \(path): larger than 4 KiB")
        #expect(try RegularFile.read(path, limit: 4097).count == 4097)
    }

    /// A file whose size fstat does not know (procfs says 0) is still read whole, up to the limit.
    @Test func aFileLargerThanItsAnnouncedSizeIsReadUpToTheLimit() throws {
        let status = try RegularFile.read("/proc/self/status")
        #expect(String(decoding: status, as: UTF8.self).hasPrefix("Name:"))
        #expect(throws: RegularFile.ReadError.self) { try RegularFile.read("/proc/self/status", limit: 16) }
    }

    /// A cache keyed by path notices a file replaced by a rename or rewritten in place.
    @Test func identityChangesWhenTheFileDoes() throws {
        defer { cleanUp() }
        let path = directory + "/ca.pem"
        try Data("one".utf8).write(to: URL(fileURLWithPath: path))
        let first = try #require(FileIdentity(path: path))
        #expect(FileIdentity(path: path) == first)
        try Data("two!".utf8).write(to: URL(fileURLWithPath: path + ".new"))
        #expect(rename(path + ".new", path) == 0)
        let renamed = try #require(FileIdentity(path: path))
        #expect(renamed != first && renamed.inode != first.inode)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.write(contentsOf: Data("TWO!".utf8))
        try handle.close()
        #expect(FileIdentity(path: path) != renamed)
        #expect(FileIdentity(path: directory + "/nope") == nil)
    }
}
