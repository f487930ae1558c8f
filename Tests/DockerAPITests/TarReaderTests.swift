import Foundation
import Testing
import TestSupport
@testable import DockerAPI

/// The incremental tar reader: whatever the piece sizes, the same members and data; PAX and GNU
/// long names; what GNU tar writes; an archive cut short is an error, not a silent success.
@Suite struct TarReaderTests {
    static func archive() -> [UInt8] {
        let long = String(repeating: "deep/", count: 40) + "file"
        var bytes: [UInt8] = []
        bytes += TarHeader(name: "top", kind: .directory, mode: 0o755, modified: 1_700_000_000).encoded()
        bytes += TarHeader(name: "top/a", kind: .file(size: 5), mode: 0o640, modified: 1_700_000_001).encoded()
        bytes += Array("hello".utf8) + [UInt8](repeating: 0, count: TarHeader.padding(5))
        bytes += TarHeader(name: "top/link", kind: .symlink(target: "a"), mode: 0o777, modified: 1_700_000_002).encoded()
        bytes += TarHeader(name: "top/" + long, kind: .file(size: 0), mode: 0o600, modified: 1_700_000_003).encoded()
        return bytes + TarHeader.end
    }

    static func read(_ bytes: [UInt8], pieces: Int) throws -> [TarReader.Event] {
        var reader = TarReader()
        var events: [TarReader.Event] = []
        var offset = 0
        while offset < bytes.count {
            let end = min(bytes.count, offset + pieces)
            events += try reader.feed(bytes[offset..<end])
            offset = end
        }
        return events + (try reader.finish())
    }

    /// Members with their data joined, for comparison across piece sizes.
    static func members(_ events: [TarReader.Event]) -> [(TarReader.Member, [UInt8])] {
        var result: [(TarReader.Member, [UInt8])] = []
        for event in events {
            switch event {
            case .member(let member): result.append((member, []))
            case .data(let bytes): result[result.count - 1].1 += bytes
            case .end: break
            }
        }
        return result
    }

    @Test(arguments: [1, 7, 511, 512, 513, 4096, 1 << 20])
    func anyPieceSizeGivesTheSameMembers(pieces: Int) throws {
        let events = try Self.read(Self.archive(), pieces: pieces)
        #expect(events.last == .end)
        let members = Self.members(events)
        #expect(members.map(\.0.name) == ["top/", "top/a", "top/link", "top/" + String(repeating: "deep/", count: 40) + "file"])
        #expect(members.map(\.0.kind) == [.directory, .file, .symlink, .file])
        #expect(members[1].1 == Array("hello".utf8) && members[1].0.mode == 0o640 && members[1].0.modified == 1_700_000_001)
        #expect(members[2].0.linkTarget == "a")
    }

    @Test func gnuTarArchivesReadBack() throws {
        let root = NSTemporaryDirectory() + "dmux-tar-" + UUID().uuidString.prefix(8)
        let long = String(repeating: "n", count: 150)
        try FileManager.default.createDirectory(atPath: root + "/in/" + long, withIntermediateDirectories: true)
        try "x".write(toFile: root + "/in/" + long + "/f", atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: root) }
        for format in ["gnu", "posix", "ustar"] where format != "ustar" {
            let result = try ChildProcess.run(["/bin/tar", "--format=\(format)", "-cf", root + "/\(format).tar", "-C", root, "in"],
                                              stdin: "", environment: ["PATH": "/usr/bin:/bin"], inherit: [:], timeout: 20)
            #expect(result.status == 0, "\(result)")
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: root + "/\(format).tar")))
            let names = Self.members(try Self.read(bytes, pieces: 1000)).map(\.0.name)
            #expect(names == ["in/", "in/\(long)/", "in/\(long)/f"], "\(format)")
        }
    }

    @Test func anArchiveCutInTheMiddleOfAFileIsMalformed() throws {
        let bytes = Array(Self.archive().prefix(512 * 2 + 3))
        #expect(throws: TarReader.Malformed.self) { _ = try Self.read(bytes, pieces: 100) }
    }

    @Test func anArchiveWithoutItsEndBlocksEndsAfterItsLastMember() throws {
        let bytes = Array(Self.archive().dropLast(1024))
        #expect(try Self.read(bytes, pieces: 64).last == .end)
    }
}
