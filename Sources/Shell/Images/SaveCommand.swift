import DockerAPI
import FanOut
import Foundation
import NIOCore

/// `save -o FILE IMAGE…` from exactly one host: the `docker save` tar, streamed to a file that
/// appears only once it is complete (docker/cli writes through a temporary file too).
enum SaveCommand {
    static let spec = CommandSpec(
        name: "save", summary: "Save images from one host to a tar archive",
        scope: .engines,
        flags: [FlagSpec("output", short: "o", value: "string", help: "Write to a file, instead of STDOUT", completion: .file)],
        arguments: [ArgumentSpec("IMAGE", completion: .image, repeats: true)],
        shape: .lines
    ) { invocation in
        let images = invocation.arguments.positional
        guard let output = invocation.arguments.value("output"), !output.isEmpty else {
            throw ShellUsageError("save: give the file with -o FILE (dmux does not write a tar to its own output)")
        }
        guard invocation.targets.count == 1 else {
            throw ShellUsageError("save reads from exactly one host, not \(invocation.targets.count): use @HOST save …")
        }
        let temporary = output + ".dmux-\(getpid()).tmp"
        let presenter = invocation.presenter
        await invocation.eachHost(timeout: .some(nil)) { host in
            let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            guard fd >= 0 else {
                throw HostFailure(host: host.name, kind: .failed, message: "\(output): \(String(cString: strerror(errno)))")
            }
            do {
                let written = try await host.stream(EngineRequests.saveImages(images)) { response in
                    var written = 0
                    while let piece = try await response.next() {
                        try writeAll(piece, to: fd, naming: output)
                        written += piece.readableBytes
                    }
                    return written
                }
                let closed = close(fd)
                guard closed == 0, rename(temporary, output) == 0 else {
                    throw HostFailure(host: host.name, kind: .failed, message: "\(output): \(String(cString: strerror(errno)))")
                }
                return written
            } catch let error as HostFailure {
                unlink(temporary)
                throw error
            } catch {
                close(fd)
                unlink(temporary)
                throw error
            }
        } onSuccess: { host, written in
            presenter.line(host: host.name, text: "saved \(GoUnits.humanSize(Double(written))) to \(output)",
                           json: .object([("file", .string(output)), ("bytes", .int(written))]))
        }
    }

    private static func writeAll(_ piece: ByteBuffer, to fd: Int32, naming path: String) throws {
        try piece.withUnsafeReadableBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let count = write(fd, bytes.baseAddress! + offset, bytes.count - offset)
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else { throw ArchiveReadError(description: "\(path): \(String(cString: strerror(errno)))") }
                offset += count
            }
        }
    }
}
