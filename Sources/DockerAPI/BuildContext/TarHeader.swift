/// The 512-byte ustar header of one archive member, as a build context needs it: regular files,
/// directories and symbolic links, owned by root (docker/cli sends the context with uid and gid
/// 0), with a PAX `path` record first when the name does not fit ustar's name and prefix fields.
public struct TarHeader: Sendable {
    public enum Kind: Sendable {
        case file(size: Int)
        case directory
        case symlink(target: String)
    }

    public var name: String
    public var kind: Kind
    public var mode: Int
    public var modified: Int
    /// Root unless `cp -a` asks for the owners kept (the engine's `copyUIDGID`).
    public var uid: Int
    public var gid: Int

    public init(name: String, kind: Kind, mode: Int, modified: Int, uid: Int = 0, gid: Int = 0) {
        self.name = name
        self.kind = kind
        self.mode = mode
        self.modified = modified
        self.uid = uid
        self.gid = gid
    }

    /// The header block(s) for this member; its data (for a file) follows, padded by `padding`.
    public func encoded() -> [UInt8] {
        var name = self.name
        if case .directory = kind, !name.hasSuffix("/") { name += "/" }
        let linkTarget: String
        if case .symlink(let target) = kind { linkTarget = target } else { linkTarget = "" }
        var out: [UInt8] = []
        var prefix = ""
        var short = name
        if name.utf8.count > 100 || linkTarget.utf8.count > 100 {
            if linkTarget.utf8.count <= 100, let split = Self.ustarSplit(name) {
                (prefix, short) = split
            } else {
                var records = Self.paxRecord("path", name)
                if linkTarget.utf8.count > 100 { records += Self.paxRecord("linkpath", linkTarget) }
                out += Self.block(name: "PaxHeaders/" + String(name.suffix(80)), prefix: "", type: UInt8(ascii: "x"),
                                  mode: 0o644, size: records.count, modified: modified, link: "")
                out += records
                out += [UInt8](repeating: 0, count: Self.padding(records.count))
                short = String(name.utf8.prefix(100)).flatMap { $0 } ?? ""
            }
        }
        switch kind {
        case .file(let size):
            out += Self.block(name: short, prefix: prefix, type: UInt8(ascii: "0"), mode: mode, size: size, modified: modified, link: "",
                              owner: (uid, gid))
        case .directory:
            out += Self.block(name: short, prefix: prefix, type: UInt8(ascii: "5"), mode: mode, size: 0, modified: modified, link: "",
                              owner: (uid, gid))
        case .symlink(let target):
            out += Self.block(name: short, prefix: prefix, type: UInt8(ascii: "2"), mode: mode, size: 0, modified: modified,
                              link: String(target.utf8.prefix(100)).flatMap { $0 } ?? "", owner: (uid, gid))
        }
        return out
    }

    /// Zero bytes after `size` bytes of data, up to the next 512-byte boundary.
    public static func padding(_ size: Int) -> Int { (512 - size % 512) % 512 }

    /// Two zero blocks end an archive.
    public static let end = [UInt8](repeating: 0, count: 1024)

    /// A name too long for the 100-byte field, split at a `/` into a prefix (≤ 155) and a name (≤ 100).
    static func ustarSplit(_ name: String) -> (String, String)? {
        let bytes = Array(name.utf8)
        guard bytes.count <= 256 else { return nil }
        for index in bytes.indices.reversed() where bytes[index] == UInt8(ascii: "/") {
            let prefixLength = index
            let nameLength = bytes.count - index - 1
            if prefixLength <= 155 && nameLength <= 100 && nameLength > 0 {
                return (String(decoding: bytes[..<index], as: UTF8.self), String(decoding: bytes[(index + 1)...], as: UTF8.self))
            }
        }
        return nil
    }

    /// `"%d key=value\n"` where the number counts the whole record, itself included.
    static func paxRecord(_ key: String, _ value: String) -> [UInt8] {
        let body = " \(key)=\(value)\n"
        var length = body.utf8.count + 1
        while String(length).count + body.utf8.count != length { length = String(length).count + body.utf8.count }
        return Array((String(length) + body).utf8)
    }

    static func block(name: String, prefix: String, type: UInt8, mode: Int, size: Int, modified: Int, link: String,
                      owner: (uid: Int, gid: Int) = (0, 0)) -> [UInt8] {
        var block = [UInt8](repeating: 0, count: 512)
        func put(_ text: String, at offset: Int, width: Int) {
            for (index, byte) in text.utf8.prefix(width).enumerated() { block[offset + index] = byte }
        }
        func octal(_ value: Int, at offset: Int, width: Int) {
            let digits = String(value, radix: 8)
            put(String(repeating: "0", count: max(0, width - 1 - digits.count)) + digits, at: offset, width: width - 1)
        }
        put(name, at: 0, width: 100)
        octal(mode & 0o7777, at: 100, width: 8)
        octal(owner.uid, at: 108, width: 8)
        octal(owner.gid, at: 116, width: 8)
        octal(size, at: 124, width: 12)
        octal(modified, at: 136, width: 12)
        block[156] = type
        put(link, at: 157, width: 100)
        put("ustar\0", at: 257, width: 6)
        put("00", at: 263, width: 2)
        put(prefix, at: 345, width: 155)
        for index in 148..<156 { block[index] = UInt8(ascii: " ") }
        let sum = block.reduce(0) { $0 + Int($1) }
        let digits = String(sum, radix: 8)
        put(String(repeating: "0", count: max(0, 6 - digits.count)) + digits, at: 148, width: 6)
        block[154] = 0
        block[155] = UInt8(ascii: " ")
        return block
    }
}
