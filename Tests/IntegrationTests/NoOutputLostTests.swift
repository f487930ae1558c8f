import Foundation
import Glibc
import Testing

/// Issue 6, no output lost: eight hosts each exec a command printing 200 000 numbered lines at
/// once, and dmux delivers every line exactly once, whole and in order per host, in the lines
/// shape and in the json shape. The eight entries share the fleet's three engines (unix1 and the
/// two TLS ones, so TLS records are split and joined too): each exec is a stream of its own.
@Suite(.serialized) struct NoOutputLostTests {
    static let count = 200_000
    static let hosts = (1...8).map { "e\($0)" }

    @Test(arguments: ["lines", "json"])
    func everyLineOnceWholeAndInOrder(shape: String) throws {
        let name = FleetDocker.uniqueName("t-lost")
        let engines = ["unix1", "tls1", "tls2"]
        _ = try FleetDocker.create(name, on: engines, start: true)
        defer { FleetDocker.remove(name, from: engines) }
        let urls = [try Fleet.unix1, try Fleet.tls1, try Fleet.tls2]
        let certs = try Fleet.certs("tls1")
        // One client certificate for both TLS engines (one CA signs the whole machine store);
        // TLS settings do not apply to the unix socket.
        var arguments = ["--tlsverify", "--tlscacert", certs + "/ca.pem", "--tlscert", certs + "/cert.pem",
                         "--tlskey", certs + "/key.pem"]
        for (index, host) in Self.hosts.enumerated() { arguments += ["-H", "\(host)=\(urls[index % urls.count])"] }
        arguments += ["-c", "@all exec --format \(shape) \(name) seq 1 \(Self.count)"]

        let result = try Dmux.run(arguments, timeout: 180)
        #expect(result.status == 0, "\(result.stderr.prefix(2000))")
        #expect(result.stderr.isEmpty, "\(result.stderr.prefix(2000))")
        var tally = OutputTally(expected: Self.hosts)
        tally.add(Array(result.stdout.utf8), shape: shape)
        let expectedSum = OutputTally.checksum((1...Self.count).map { "\($0)" })
        for host in Self.hosts {
            let seen = tally.host(host) ?? .init()
            #expect(seen.count == Self.count, "\(host): \(seen.count) lines of \(Self.count)")
            #expect(seen.outOfOrder == 0, "\(host): \(seen.outOfOrder) lines out of order or repeated")
            #expect(seen.checksum == expectedSum, "\(host): checksum differs")
        }
        #expect(tally.malformed.isEmpty, "lines that are not whole: \(tally.malformed.prefix(10))")
        if shape == "json" {
            #expect(tally.exitRecords.sorted() == Self.hosts, "one exit record per host: \(tally.exitRecords)")
        }
    }

    /// The checker itself, on output made by hand: a lost, a repeated, a torn and a swapped line
    /// are each caught, so the runs above pass because nothing was lost.
    @Test func theTallyCatchesLossRepetitionTornAndSwappedLines() {
        func tally(_ text: String, shape: String = "lines") -> OutputTally {
            var tally = OutputTally(expected: ["e1", "e2"])
            tally.add(Array(text.utf8), shape: shape)
            return tally
        }
        let good = tally("e1 | 1\ne2 | 1\ne1 | 2\ne2 | 2\n")
        #expect(good.host("e1")?.count == 2 && good.host("e1")?.outOfOrder == 0 && good.malformed.isEmpty)
        #expect(good.host("e2")?.checksum == OutputTally.checksum(["1", "2"]))
        #expect(tally("e1 | 2\n").host("e1")?.outOfOrder == 1, "lost")
        #expect(tally("e1 | 1\ne1 | 1\n").host("e1")?.outOfOrder == 1, "repeated")
        #expect(tally("e1 | 1e2 | 1\n").malformed.count == 1, "torn")
        #expect(tally("e1 | 2\ne1 | 1\n").host("e1")?.checksum != OutputTally.checksum(["1", "2"]), "swapped")
        let json = tally(#"{"host":"e2","stream":"stdout","line":"1"}\#n{"host":"e2","exit_code":0}\#n{"host":"e1","line":"1"}\#n"#, shape: "json")
        #expect(json.host("e2")?.count == 1 && json.exitRecords == ["e2"] && json.malformed.count == 1)
    }
}

/// Counts, order and a checksum of each host's lines, read from dmux's stdout through raw
/// pointers: in a debug build, strings, slices or a JSON parser over 1.6 million lines take
/// many times longer than the run itself.
struct OutputTally {
    struct Host {
        var count = 0
        var next = 1
        var outOfOrder = 0
        var checksum = OutputTally.seed
    }

    static let seed: UInt64 = 0xcbf2_9ce4_8422_2325
    let names: [[UInt8]]
    var hosts: [Host]
    var malformed: [String] = []
    var exitRecords: [String] = []

    init(expected: [String]) {
        names = expected.map { Array($0.utf8) }
        hosts = Array(repeating: Host(), count: expected.count)
    }

    func host(_ name: String) -> Host? { names.firstIndex(of: Array(name.utf8)).map { hosts[$0] } }

    /// Every line of `output` in `shape`: `e3 | 1234`, or `{"host":"e3","stream":"stdout","line":"1234"}`
    /// and a closing `{"host":"e3","exit_code":0}`.
    mutating func add(_ output: [UInt8], shape: String) {
        output.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            var start = 0
            while start < buffer.count {
                let newline = memchr(base + start, 10, buffer.count - start)
                let end = newline.map { UnsafePointer($0.assumingMemoryBound(to: UInt8.self)) - base } ?? buffer.count
                let line = Line(base: base + start, count: end - start)
                if shape == "lines" { addLinesShape(line) } else { addJSONShape(line) }
                start = end + 1
            }
        }
    }

    /// A line as a pointer and a length: `[from, to)` are offsets into it.
    struct Line {
        let base: UnsafePointer<UInt8>
        let count: Int

        func has(_ bytes: [UInt8], at offset: Int) -> Bool {
            offset >= 0 && offset + bytes.count <= count && memcmp(base + offset, bytes, bytes.count) == 0
        }

        func text(_ from: Int = 0, _ to: Int? = nil) -> String {
            String(decoding: UnsafeBufferPointer(start: base + from, count: min(to ?? count, from + 200) - from), as: UTF8.self)
        }
    }

    private static let bar = Array(" | ".utf8), jsonHead = Array(#"{"host":""#.utf8)
    private static let streamHead = Array(#"","stream":"stdout","line":""#.utf8), jsonTail = Array(#""}"#.utf8)
    private static let exitRecord = Array(#"","exit_code":0}"#.utf8)

    private mutating func addLinesShape(_ line: Line) {
        var barAt = 0
        while barAt < line.count && !line.has(Self.bar, at: barAt) { barAt += 1 }
        guard barAt < line.count else { return reject(line) }
        var nameEnd = barAt
        while nameEnd > 0 && line.base[nameEnd - 1] == 32 { nameEnd -= 1 }  // names are padded
        add(line, name: 0..<nameEnd, payload: (barAt + Self.bar.count)..<line.count)
    }

    private mutating func addJSONShape(_ line: Line) {
        guard line.has(Self.jsonHead, at: 0) else { return reject(line) }
        let nameStart = Self.jsonHead.count
        var nameEnd = nameStart
        while nameEnd < line.count && line.base[nameEnd] != UInt8(ascii: "\"") { nameEnd += 1 }
        if line.count == nameEnd + Self.exitRecord.count && line.has(Self.exitRecord, at: nameEnd) {
            return exitRecords.append(line.text(nameStart, nameEnd))
        }
        let payloadStart = nameEnd + Self.streamHead.count, payloadEnd = line.count - Self.jsonTail.count
        guard line.has(Self.streamHead, at: nameEnd), line.has(Self.jsonTail, at: payloadEnd), payloadStart <= payloadEnd else {
            return reject(line)
        }
        add(line, name: nameStart..<nameEnd, payload: payloadStart..<payloadEnd)
    }

    private mutating func add(_ line: Line, name: Range<Int>, payload: Range<Int>) {
        guard let index = names.firstIndex(where: { $0.count == name.count && line.has($0, at: name.lowerBound) }),
              !payload.isEmpty else { return reject(line) }
        var number = 0
        var hash = hosts[index].checksum
        for offset in payload {
            let byte = line.base[offset]
            guard byte >= 48 && byte <= 57 else { return reject(line) }
            number = number * 10 + Int(byte - 48)
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        hosts[index].count += 1
        if number != hosts[index].next { hosts[index].outOfOrder += 1 }
        hosts[index].next = number + 1
        hosts[index].checksum = (hash ^ 10) &* 0x100_0000_01b3
    }

    private mutating func reject(_ line: Line) {
        malformed.append(line.text())
    }

    /// FNV-1a over each line and its newline, in order: what `add` folds per host.
    static func checksum(_ lines: [String]) -> UInt64 {
        var hash = seed
        for line in lines {
            for byte in line.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
            hash = (hash ^ 10) &* 0x100_0000_01b3
        }
        return hash
    }
}
