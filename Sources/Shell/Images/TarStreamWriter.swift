import DockerAPI
import Foundation
import NIOCore

/// Files, directories and symbolic links of the local disk, and members made in memory, as one
/// tar stream made while it is sent, in pieces of about a megabyte: a build context
/// (BuildContext) and `cp SRC CONTAINER:DST`.
struct TarStreamWriter: Sendable {
    /// One member: its name in the archive and where its content comes from.
    struct Entry: Sendable {
        enum Source: Sendable {
            case disk(path: String)
            case bytes([UInt8], mode: Int, modified: Int)
        }
        var name: String
        var source: Source

        init(path: String, name: String) {
            self.name = name
            self.source = .disk(path: path)
        }

        init(name: String, bytes: [UInt8], mode: Int, modified: Int) {
            self.name = name
            self.source = .bytes(bytes, mode: mode, modified: modified)
        }
    }

    /// Keep each file's owner (`cp -a`); else root owns everything, as docker/cli sends a context.
    var keepOwners = false

    func stream(_ entries: [Entry], _ send: @Sendable (ByteBuffer) async -> Void) async throws {
        var pending = ByteBuffer()
        func flush(ifAbove limit: Int) async {
            guard pending.readableBytes > limit else { return }
            await send(pending)
            pending = ByteBuffer()
        }
        for entry in entries {
            guard case .disk(let path) = entry.source else {
                if case .bytes(let content, let mode, let modified) = entry.source {
                    BuildContext.write(entry.name, content, mode: mode, modified: modified, to: &pending)
                }
                continue
            }
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            let mode = (attributes[.posixPermissions] as? Int) ?? 0o644
            let modified = Int((attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0)
            let uid = keepOwners ? (attributes[.ownerAccountID] as? Int) ?? 0 : 0
            let gid = keepOwners ? (attributes[.groupOwnerAccountID] as? Int) ?? 0 : 0
            func header(_ kind: TarHeader.Kind) -> [UInt8] {
                TarHeader(name: entry.name, kind: kind, mode: mode, modified: modified, uid: uid, gid: gid).encoded()
            }
            switch attributes[.type] as? FileAttributeType {
            case .typeDirectory?:
                pending.writeBytes(header(.directory))
            case .typeSymbolicLink?:
                pending.writeBytes(header(.symlink(target: try FileManager.default.destinationOfSymbolicLink(atPath: path))))
            case .typeRegular?:
                guard let file = FileHandle(forReadingAtPath: path) else {
                    throw BuildContextError(description: "\(path): cannot be read")
                }
                defer { try? file.close() }
                let size = (attributes[.size] as? Int) ?? 0
                pending.writeBytes(header(.file(size: size)))
                var written = 0
                while written < size, let data = try file.read(upToCount: min(1 << 20, size - written)), !data.isEmpty {
                    pending.writeBytes(data)
                    written += data.count
                    await flush(ifAbove: 1 << 20)
                }
                guard written == size else { throw BuildContextError(description: "\(path): changed while it was read") }
                pending.writeBytes([UInt8](repeating: 0, count: TarHeader.padding(size)))
            default:
                continue  // sockets, fifos and devices are not sent (as with the docker CLI)
            }
            await flush(ifAbove: 1 << 20)
        }
        pending.writeBytes(TarHeader.end)
        await send(pending)
    }
}
