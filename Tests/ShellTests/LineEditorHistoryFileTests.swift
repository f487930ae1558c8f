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
