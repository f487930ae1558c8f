import DockerAPI
import Foundation
import Testing

@testable import Shell

/// What an engine's archive may not do to the local disk: climb out of the destination, or
/// write through a link it made itself (moby's breakout checks); and what it must do: rename
/// the top as the copy plan says, keep modes and links.
@Suite struct ArchiveExtractorTests {
    static func folder() throws -> String {
        let path = NSTemporaryDirectory() + "dmux-extract-" + UUID().uuidString.prefix(8)
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func file(_ name: String, _ text: String, mode: Int = 0o644) -> [UInt8] {
        TarHeader(name: name, kind: .file(size: text.utf8.count), mode: mode, modified: 1_700_000_000).encoded()
            + Array(text.utf8) + [UInt8](repeating: 0, count: TarHeader.padding(text.utf8.count))
    }

    static func extract(_ archive: [UInt8], into directory: String, plan: ArchiveCopyPlan? = nil) throws {
        let extractor = ArchiveExtractor(directory: directory, plan: plan ?? ArchiveCopyPlan(directory: directory, rename: nil))
        for start in stride(from: 0, to: archive.count, by: 100) {
            try extractor.feed(archive[start..<min(archive.count, start + 100)])
        }
        try extractor.finish()
    }

    @Test func theTopIsRenamedAndModesAndLinksKept() throws {
        let root = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let archive = TarHeader(name: "src", kind: .directory, mode: 0o750, modified: 1_700_000_000).encoded()
            + Self.file("src/a", "one\n", mode: 0o600)
            + TarHeader(name: "src/link", kind: .symlink(target: "a"), mode: 0o777, modified: 1_700_000_000).encoded()
            + TarHeader.end
        try Self.extract(archive, into: root, plan: ArchiveCopyPlan(directory: root, rename: ("src", "copy")))
        #expect(try String(contentsOfFile: root + "/copy/a", encoding: .utf8) == "one\n")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: root + "/copy/link") == "a")
        let attributes = try FileManager.default.attributesOfItem(atPath: root + "/copy/a")
        #expect(attributes[.posixPermissions] as? Int == 0o600)
        #expect((attributes[.modificationDate] as? Date)?.timeIntervalSince1970 == 1_700_000_000)
        #expect(!FileManager.default.fileExists(atPath: root + "/src"))
    }

    @Test func aMemberThatClimbsOutIsRefused() throws {
        let root = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(throws: (any Error).self) {
            try Self.extract(Self.file("../escaped", "x") + TarHeader.end, into: root + "/inside")
        }
        #expect(!FileManager.default.fileExists(atPath: root + "/escaped"))
    }

    @Test func aMemberThroughALinkTheArchiveMadeIsRefused() throws {
        let root = try Self.folder()
        let outside = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: root); try? FileManager.default.removeItem(atPath: outside) }
        let archive = TarHeader(name: "hop", kind: .symlink(target: outside), mode: 0o777, modified: 0).encoded()
            + Self.file("hop/planted", "x") + TarHeader.end
        #expect(throws: (any Error).self) { try Self.extract(archive, into: root) }
        #expect(!FileManager.default.fileExists(atPath: outside + "/planted"))
    }
}
