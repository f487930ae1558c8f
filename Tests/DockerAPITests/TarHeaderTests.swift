import Foundation
import Testing
import TestSupport
@testable import DockerAPI

/// ustar headers the real `tar` reads back: names, sizes, modes, long names through PAX.
@Suite struct TarHeaderTests {
    @Test func aHeaderHasUstarFieldsAndAValidChecksum() {
        let block = TarHeader(name: "dir/file", kind: .file(size: 5), mode: 0o640, modified: 1_700_000_000).encoded()
        #expect(block.count == 512)
        #expect(String(decoding: block[0..<8], as: UTF8.self) == "dir/file")
        #expect(String(decoding: block[124..<135], as: UTF8.self) == "00000000005")
        #expect(String(decoding: block[257..<263], as: UTF8.self) == "ustar\0")
        var copy = block
        for index in 148..<156 { copy[index] = UInt8(ascii: " ") }
        let sum = copy.reduce(0) { $0 + Int($1) }
        #expect(String(decoding: block[148..<154], as: UTF8.self) == String(format: "%06o", sum))
    }

    @Test func gnuTarListsWhatWeWrote() throws {
        let long = String(repeating: "deep/", count: 40) + "file.txt"  // 208 bytes: PAX path
        var archive: [UInt8] = []
        archive += TarHeader(name: "d", kind: .directory, mode: 0o755, modified: 0).encoded()
        archive += TarHeader(name: "d/x", kind: .file(size: 3), mode: 0o644, modified: 0).encoded()
        archive += Array("abc".utf8) + [UInt8](repeating: 0, count: TarHeader.padding(3))
        archive += TarHeader(name: String(repeating: "p", count: 120) + "/name", kind: .file(size: 0), mode: 0o600, modified: 0).encoded()
        archive += TarHeader(name: long, kind: .file(size: 0), mode: 0o600, modified: 0).encoded()
        archive += TarHeader(name: "link", kind: .symlink(target: "d/x"), mode: 0o777, modified: 0).encoded()
        archive += TarHeader.end
        let path = NSTemporaryDirectory() + "dmux-tar-\(UUID().uuidString.prefix(8)).tar"
        try Data(archive).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let listed = try ChildProcess.run(["/bin/tar", "-tf", path], environment: ["PATH": "/usr/bin:/bin"])
        #expect(listed.status == 0, "\(listed)")
        #expect(listed.stdout == "d/\nd/x\n" + String(repeating: "p", count: 120) + "/name\n" + long + "\nlink\n")
    }
}
