/// Whether the first bytes of a build context given on stdin are an archive (sent as it is) or a
/// Dockerfile (wrapped in a one-file tar), decided as docker/cli decides it
/// (cli/command/image/build/context.go `isArchive`): a compression format's magic number, or a
/// first tar header whose checksum is right.
public enum ArchiveMagic {
    /// How many bytes the decision needs: docker peeks two tar blocks.
    public static let peekSize = 1024

    public static func isArchive(_ header: [UInt8]) -> Bool {
        isCompressed(header) || isTarHeader(header)
    }

    /// gzip, bzip2, xz and zstd (moby's `compression.Detect`).
    static func isCompressed(_ header: [UInt8]) -> Bool {
        let magics: [[UInt8]] = [[0x1F, 0x8B, 0x08], [0x42, 0x5A, 0x68], [0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00], [0x28, 0xB5, 0x2F, 0xFD]]
        return magics.contains { header.starts(with: $0) }
    }

    /// A 512-byte header block whose stored checksum (octal, bytes 148..<156) is the sum of its
    /// bytes with that field read as spaces, as Go's archive/tar checks it (signed or unsigned sum).
    static func isTarHeader(_ header: [UInt8]) -> Bool {
        guard header.count >= 512 else { return false }
        let block = header[0..<512]
        guard block.contains(where: { $0 != 0 }) else { return false }
        let digits = block[148..<156].drop { $0 == 0 || $0 == 0x20 }.prefix { $0 != 0 && $0 != 0x20 }
        guard !digits.isEmpty, digits.allSatisfy({ (0x30...0x37).contains($0) }) else { return false }
        let stored = digits.reduce(0) { $0 * 8 + Int($1 - 0x30) }
        var unsigned = 0
        var signed = 0
        for (offset, byte) in block.enumerated() {
            let value = (148..<156).contains(offset) ? 0x20 : byte
            unsigned += Int(value)
            signed += Int(Int8(bitPattern: value))
        }
        return stored == unsigned || stored == signed
    }
}
