import DockerAPI
import Testing

/// docker build's test of stdin: an archive is sent as it is, anything else is a Dockerfile.
@Suite struct ArchiveMagicTests {
    @Test func aTarHeaderWithItsChecksumIsAnArchive() {
        let tar = TarHeader(name: "Dockerfile", kind: .file(size: 20), mode: 0o644, modified: 0).encoded() + [UInt8](repeating: 0, count: 512)
        #expect(ArchiveMagic.isArchive(tar))
        var damaged = tar
        damaged[0] ^= 1
        #expect(!ArchiveMagic.isArchive(damaged))
    }

    @Test func compressedStreamsAreArchivesByTheirMagic() {
        #expect(ArchiveMagic.isArchive([0x1F, 0x8B, 0x08, 0x00]))  // gzip
        #expect(ArchiveMagic.isArchive(Array("BZh91AY".utf8)))     // bzip2
        #expect(ArchiveMagic.isArchive([0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00, 0x00]))  // xz
        #expect(ArchiveMagic.isArchive([0x28, 0xB5, 0x2F, 0xFD, 0x04]))  // zstd
    }

    @Test func aDockerfileShortOrLongIsNotAnArchive() {
        #expect(!ArchiveMagic.isArchive(Array("FROM busybox\nRUN true\n".utf8)))
        #expect(!ArchiveMagic.isArchive(Array(String(repeating: "# comment line\n", count: 100).utf8)))
        #expect(!ArchiveMagic.isArchive([UInt8](repeating: 0, count: 1024)))
        #expect(!ArchiveMagic.isArchive([]))
    }
}
