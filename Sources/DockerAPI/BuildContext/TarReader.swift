/// Reads a tar stream as it arrives, in any piece sizes, into members: the ustar headers with
/// PAX (`path`, `linkpath`, `size`) and GNU long-name records applied, and each member's data.
/// A pure state machine: the caller writes what it yields (ArchiveExtractor in the shell).
public struct TarReader: Sendable {
    public struct Member: Sendable, Equatable {
        public enum Kind: Sendable, Equatable {
            case file, directory, symlink, hardlink, other
        }
        public var name: String
        public var kind: Kind
        public var mode: Int
        public var size: Int
        public var modified: Int
        public var linkTarget: String
    }

    public enum Event: Sendable, Equatable {
        case member(Member)
        /// Some of the current file's data, in order.
        case data([UInt8])
        /// The end of the archive (two zero blocks, or the end of input after whole members).
        case end
    }

    public struct Malformed: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    private var buffer: [UInt8] = []
    /// Data bytes of the current member still to come, and the padding after them.
    private var remaining = 0
    private var padding = 0
    private var pax: [String: String] = [:]
    private var longName: String?
    private var longLink: String?
    /// An extended header whose body is being collected.
    private var collecting: (type: UInt8, size: Int)?
    private var finished = false

    public init() {}

    /// Feeds the next bytes of the stream; returns what they completed.
    public mutating func feed(_ bytes: some Collection<UInt8>) throws(Malformed) -> [Event] {
        guard !finished else { return [] }
        buffer.append(contentsOf: bytes)
        var events: [Event] = []
        var offset = 0
        defer { buffer.removeFirst(offset) }
        while true {
            if remaining > 0 {
                let take = min(remaining, buffer.count - offset)
                guard take > 0 else { break }
                events.append(.data(Array(buffer[offset..<(offset + take)])))
                offset += take
                remaining -= take
                continue
            }
            if padding > 0 {
                let take = min(padding, buffer.count - offset)
                guard take > 0 else { break }
                offset += take
                padding -= take
                continue
            }
            if let (type, size) = collecting {
                let whole = size + Self.pad(size)
                guard buffer.count - offset >= whole else { break }
                let body = Array(buffer[offset..<(offset + size)])
                offset += whole
                collecting = nil
                apply(type: type, body: body)
                continue
            }
            guard buffer.count - offset >= 512 else { break }
            let block = Array(buffer[offset..<(offset + 512)])
            offset += 512
            if block.allSatisfy({ $0 == 0 }) {
                finished = true
                events.append(.end)
                return events
            }
            let type = block[156]
            let size = try Self.number(block[124..<136])
            switch type {
            case UInt8(ascii: "x"), UInt8(ascii: "g"), UInt8(ascii: "L"), UInt8(ascii: "K"):
                collecting = (type, size)
                continue
            default:
                break
            }
            var member = Member(
                name: Self.name(block), kind: Self.kind(type), mode: try Self.number(block[100..<108]), size: size,
                modified: try Self.number(block[136..<148]), linkTarget: Self.text(block[157..<257]))
            if let path = longName ?? pax["path"] { member.name = path }
            if let link = longLink ?? pax["linkpath"] { member.linkTarget = link }
            if let text = pax["size"], let paxSize = Int(text) { member.size = paxSize }
            pax = [:]
            longName = nil
            longLink = nil
            let dataSize = member.kind == .file || member.kind == .other ? member.size : 0
            remaining = dataSize
            padding = Self.pad(dataSize)
            events.append(.member(member))
        }
        return events
    }

    /// Input ended: an archive may stop after its last member without the zero blocks.
    public mutating func finish() throws(Malformed) -> [Event] {
        if finished { return [] }
        guard remaining == 0 && collecting == nil && buffer.allSatisfy({ $0 == 0 }) else {
            throw Malformed(description: "the archive ended in the middle of a member")
        }
        finished = true
        return [.end]
    }

    private mutating func apply(type: UInt8, body: [UInt8]) {
        switch type {
        case UInt8(ascii: "x"):
            pax = Self.paxRecords(body)
        case UInt8(ascii: "L"):
            longName = Self.text(body[...])
        case UInt8(ascii: "K"):
            longLink = Self.text(body[...])
        default:
            break  // a global header: nothing dmux uses
        }
    }

    static func pad(_ size: Int) -> Int { (512 - size % 512) % 512 }

    static func kind(_ type: UInt8) -> Member.Kind {
        switch type {
        case UInt8(ascii: "0"), 0, UInt8(ascii: "7"): .file
        case UInt8(ascii: "5"): .directory
        case UInt8(ascii: "2"): .symlink
        case UInt8(ascii: "1"): .hardlink
        default: .other
        }
    }

    static func name(_ block: [UInt8]) -> String {
        let name = text(block[0..<100])
        let prefix = block[257..<263].elementsEqual(Array("ustar".utf8) + [0]) ? text(block[345..<500]) : ""
        return prefix.isEmpty ? name : prefix + "/" + name
    }

    static func text(_ bytes: ArraySlice<UInt8>) -> String {
        String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
    }

    /// An octal field (NUL or space terminated), or base-256 when its high bit is set.
    static func number(_ bytes: ArraySlice<UInt8>) throws(Malformed) -> Int {
        if let first = bytes.first, first & 0x80 != 0 {
            return bytes.dropFirst().suffix(7).reduce(0) { $0 << 8 | Int($1) }
        }
        let digits = bytes.prefix { $0 != 0 && $0 != UInt8(ascii: " ") }.drop { $0 == UInt8(ascii: " ") }
        if digits.isEmpty { return 0 }
        guard let value = Int(String(decoding: digits, as: UTF8.self), radix: 8) else {
            throw Malformed(description: "a tar header holds a number that is not octal")
        }
        return value
    }

    /// `"%d key=value\n"` records.
    static func paxRecords(_ body: [UInt8]) -> [String: String] {
        var records: [String: String] = [:]
        var rest = body[...]
        while let space = rest.firstIndex(of: UInt8(ascii: " ")),
              let length = Int(String(decoding: rest[rest.startIndex..<space], as: UTF8.self)), length > 0,
              rest.count >= length {
            let record = rest[(space + 1)..<(rest.startIndex + length - 1)]
            if let equals = record.firstIndex(of: UInt8(ascii: "=")) {
                records[String(decoding: record[record.startIndex..<equals], as: UTF8.self)] =
                    String(decoding: record[(equals + 1)...], as: UTF8.self)
            }
            rest = rest[(rest.startIndex + length)...]
        }
        return records
    }
}
