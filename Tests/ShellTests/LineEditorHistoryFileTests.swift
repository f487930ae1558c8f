import Foundation
import LineEditor
import Testing

@Suite struct HistoryFileTests {
    private func scratch() -> String {
        NSTemporaryDirectory() + "dmux-history-\(UUID().uuidString)"
    }

    @Test func missingFileLoadsEmpty() throws {
        #expect(try HistoryFile(path: scratch() + "/none").load() == [])
    }

    @Test func appendCreatesParentsWithPrivateModes() throws {
        let root = scratch()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let file = HistoryFile(path: root + "/a/b/history")
        try file.append("ps")
        try file.append("logs -f 日本 é")
        #expect(try file.load() == ["ps", "logs -f 日本 é"])
        let fileMode = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int
        let dirMode = try FileManager.default.attributesOfItem(atPath: root + "/a/b")[.posixPermissions] as? Int
        #expect(fileMode == 0o600)
        #expect(dirMode == 0o700)
    }

    @Test func loadKeepsTheLastEntriesAndSkipsLibeditHeader() throws {
        let path = scratch()
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data("_HiStOrY_V2_\none\n\ntwo\nthree\n".utf8).write(to: URL(fileURLWithPath: path))
        #expect(try HistoryFile(path: path, limit: 2).load() == ["two", "three"])
        #expect(try HistoryFile(path: path).load() == ["one", "two", "three"])
    }

    /// A link planted under the name the rewrite used to take (`history.tmpPID`) must not make it
    /// truncate and fill the file the link points to.
    @Test func rewriteNeverWritesThroughAPlantedLink() throws {
        let root = scratch()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        let victim = root + "/victim"
        try "precious\n".write(toFile: victim, atomically: true, encoding: .utf8)
        let file = HistoryFile(path: root + "/history")
        try file.append("ps")
        #expect(symlink(victim, root + "/history.tmp\(getpid())") == 0)
        try file.rewrite(["ps", "images"])
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "precious\n")
        #expect(try file.load() == ["ps", "images"])
        let left = try FileManager.default.contentsOfDirectory(atPath: root).filter { $0.hasPrefix("history.tmp") }
        #expect(left == ["history.tmp\(getpid())"], "only the planted link remains beside the history")
    }

    @Test func rewriteCompactsToLimitAndFlattensNewlines() throws {
        let path = scratch()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let file = HistoryFile(path: path, limit: 3)
        for entry in ["a", "b", "c", "d"] { try file.append(entry) }
        try file.rewrite(["a", "b", "c", "d\ne"])
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "b\nc\nd e\n")
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test func unwritableLocationIsAReadableError() throws {
        let file = HistoryFile(path: "/proc/dmux-no-such-dir/history")
        let error = #expect(throws: HistoryFileError.self) { try file.append("ps") }
        #expect(error?.description.hasPrefix("history file /proc/dmux-no-such-dir/history: cannot") == true)
    }

    @Test func invalidUtf8InTheFileIsRepaired() throws {
        let path = scratch()
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data([0x70, 0x73, 0xFF, 0x0A]).write(to: URL(fileURLWithPath: path))
        #expect(try HistoryFile(path: path).load() == ["ps\u{FFFD}"])
    }
}
