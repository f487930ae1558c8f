import Foundation
import Testing

/// Issue 6, bad input: a thousand and more malformed lines piped into one dmux in batch mode.
/// Nothing crashes or hangs, each bad line costs exactly one `line N:` error on stderr, valid lines
/// among them still run, and the batch ends with status 2.
@Suite struct BadInputTests {
    static let corpusSize = 1200
    /// A valid line every this many lines shows the shell goes on between the bad ones.
    static let validEvery = 150

    @Test func malformedLinesCostOneErrorEachAndTheShellGoesOn() throws {
        var corpus = BadInputCorpus(seed: 6)
        let bad = corpus.lines(Self.corpusSize)
        var script: [UInt8] = []
        var badLineNumbers = Set<Int>()
        var validLines = 0
        var number = 0
        for (index, line) in bad.enumerated() {
            if index % Self.validEvery == Self.validEvery - 1 {
                number += 1
                validLines += 1
                script += Array("ping --format json\n".utf8)
            }
            number += 1
            badLineNumbers.insert(number)
            script += line + [10]
        }
        script += Array("hosts --format json\n".utf8)
        validLines += 1

        let result = try Self.runBatch(script, arguments: ["-H", "u1=\(try Fleet.unix1)"], timeout: 120)
        let summary = "status \(result.status), stdout \(result.stdout.prefix(2000)), stderr \(result.stderr.prefix(3000))"
        #expect(result.status == 2, "usage errors end the batch with 2: \(summary)")

        // One labelled error per bad line, none for the valid ones, nothing else.
        var errorsByLine: [Int: Int] = [:]
        var strays: [String] = []
        for line in result.stderr.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
            if line.hasPrefix("line "), let colon = line.firstIndex(of: ":"),
               let lineNumber = Int(line[line.index(line.startIndex, offsetBy: 5)..<colon]) {
                errorsByLine[lineNumber, default: 0] += 1
            } else {
                strays.append(String(line.prefix(300)))
            }
            #expect(line.count <= 1200, "an error line is short enough to read: \(line.prefix(200))…")
            #expect(!line.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7f },
                    "control characters are shown escaped: \(line.prefix(200).debugDescription)")
        }
        #expect(strays.isEmpty, "stderr lines without a line label: \(strays.prefix(10))")
        let silent = badLineNumbers.filter { errorsByLine[$0] == nil }.sorted()
        #expect(silent.isEmpty, "bad lines without an error: \(silent.prefix(20))")
        let repeated = errorsByLine.filter { $0.value > 1 }.keys.sorted()
        #expect(repeated.isEmpty, "bad lines with several errors: \(repeated.prefix(20))")
        let unexpected = Set(errorsByLine.keys).subtracting(badLineNumbers).sorted()
        #expect(unexpected.isEmpty, "errors on valid lines: \(unexpected.prefix(20))")

        // The valid lines ran: one ping answer each, and the last line's `hosts`.
        let answers = result.lines.filter { $0.hasPrefix(#"{"host":"u1","#) }
        #expect(answers.count == validLines, "\(answers.count) answers for \(validLines) valid lines: \(summary)")
        #expect(answers.last?.contains(#""state":"up""#) == true, "the last line, hosts, ran: \(summary)")
    }

    /// Feeds raw bytes (invalid UTF-8 included) to `dmux ARGS` on its stdin, in batch mode.
    static func runBatch(_ input: [UInt8], arguments: [String], timeout: Double) throws -> DmuxResult {
        let file = NSTemporaryDirectory() + "dmux-badinput-\(UUID().uuidString)"
        try Data(input).write(to: URL(fileURLWithPath: file))
        defer { try? FileManager.default.removeItem(atPath: file) }
        // The shell only redirects: dmux itself reads the file as its stdin, as `dmux < file` does.
        return try Dmux.spawn(
            ["/bin/sh", "-c", #"file=$1; shift; exec "$@" < "$file""#, "sh", file, Dmux.binary] + arguments,
            stdin: "",
            environment: ["PATH": "/usr/bin:/bin", "HOME": try Dmux.temporaryHome(), "DMUX_RC": "/dev/null", "LANG": "C.UTF-8"],
            inherit: [:], timeout: timeout)
    }
}
