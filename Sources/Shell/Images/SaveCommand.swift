import DockerAPI
import FanOut
import Foundation
import NIOCore

/// `save [-o FILE] IMAGE…` from exactly one host: the `docker save` tar, streamed to a file that
/// appears only once it is complete, 0600 (docker/cli cli/command/image/save.go writes through
/// an atomic writer too), or to stdout when that is not a terminal.
enum SaveCommand {
    static let spec = CommandSpec(
        name: "save", summary: "Save images from one host to a tar archive",
        scope: .engines,
        flags: [FlagSpec("output", short: "o", value: "string", help: "Write to a file, instead of STDOUT", completion: .file)],
        arguments: [ArgumentSpec("IMAGE", completion: .image, repeats: true)],
        shape: .lines
    ) { invocation in
        let images = invocation.arguments.positional
        guard invocation.targets.count == 1 else {
            throw ShellUsageError("save reads from exactly one host, not \(invocation.targets.count): use @HOST save …")
        }
        guard let output = invocation.arguments.value("output"), !output.isEmpty else {
            guard isatty(1) == 0 else { throw ShellUsageError("cowardly refusing to save to a terminal. Use the -o flag or redirect") }
            await invocation.eachHost(timeout: .some(nil)) { host in
                try await host.stream(EngineRequests.saveImages(images)) { response in
                    while let piece = try await response.next() { try writeAll(piece, to: 1, naming: "stdout") }
                }
            }
            return
        }
        let temporary = output + ".dmux-\(getpid()).tmp"
        let presenter = invocation.presenter
        await invocation.eachHost(timeout: .some(nil)) { host in
            let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
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
                if count < 0 && errno == EAGAIN {
                    // A non-blocking stdout shared with the parent shell: wait until it drains.
                    var entry = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
                    _ = poll(&entry, 1, -1)
                    continue
                }
                guard count > 0 else { throw ArchiveReadError(description: "\(path): \(String(cString: strerror(errno)))") }
                offset += count
            }
        }
    }
}
