#if canImport(Glibc)
import Glibc
#endif
import Endpoints
import Foundation
import NIOConcurrencyHelpers

/// Runs one command on a host through its held SSH login (the same control master as its engine
/// connections: N commands, one authentication): `input` on the command's stdin, its stdout and
/// ssh's stderr collected, its exit status returned. Used by provisioning, which sends scripts
/// to `/bin/sh -s` there. ssh's own failure (status 255) is thrown in ssh's words.
public struct SSHCommand: Sendable {
    public struct Output: Sendable {
        public let status: Int32
        public let stdout: String
        public let stderr: String
    }

    public let destination: SSHDestination
    public let settings: SSHSettings

    public init(destination: SSHDestination, settings: SSHSettings) {
        self.destination = destination
        self.settings = settings
    }

    /// `command` is one remote command line (ssh hands it to the login shell); `seconds` bounds the whole run.
    public func run(_ command: String, input: [UInt8], connectTimeout: Int, seconds: Double) async throws -> Output {
        let master = SSHMaster.shared(for: destination, settings: settings)
        do {
            try await master.ensureRunning(connectTimeout: connectTimeout)
        } catch {
            throw TransportError.connecting(error, address: destination.description)
        }
        let argv = settings.arguments(for: destination, connectTimeout: connectTimeout, control: master.clientOptions)
            + ["--", destination.host, command]
        var toChild: [Int32] = [0, 0]
        var fromChild: [Int32] = [0, 0]
        guard SSHProcess.makePipe(&toChild) else { throw TransportError(.sshFailed(reason: "cannot create a pipe")) }
        guard SSHProcess.makePipe(&fromChild) else {
            close(toChild[0]); close(toChild[1])
            throw TransportError(.sshFailed(reason: "cannot create a pipe"))
        }
        let process: SSHProcess
        do {
            process = try SSHProcess(argv, stdin: toChild[0], stdout: fromChild[1])
        } catch {
            for fd in toChild + fromChild { close(fd) }
            throw TransportError(.sshFailed(reason: error.reason))
        }
        close(toChild[0])
        close(fromChild[1])
        // Blocking pipe I/O on threads of their own, off the cooperative pool.
        let writer = toChild[1]
        Thread {
            var offset = 0
            while offset < input.count {
                let written = input[offset...].withUnsafeBytes { write(writer, $0.baseAddress, $0.count) }
                if written < 0 && errno == EINTR { continue }
                if written <= 0 { break }
                offset += written
            }
            close(writer)
        }.start()
        let reader = fromChild[0]
        let collected = Task { await withCheckedContinuation { (continuation: CheckedContinuation<[UInt8], Never>) in
            Thread {
                var bytes: [UInt8] = []
                var chunk = [UInt8](repeating: 0, count: 16384)
                while true {
                    let count = read(reader, &chunk, chunk.count)
                    if count < 0 && errno == EINTR { continue }
                    if count <= 0 { break }
                    bytes += chunk[0..<count]
                }
                close(reader)
                continuation.resume(returning: bytes)
            }.start()
        } }
        guard let exit = await process.exit(within: seconds) else {
            process.terminate(SIGKILL)
            _ = await collected.value
            throw TransportError(.sshFailed(reason: "the remote command did not finish within \(Int(seconds)) s"))
        }
        if exit.status == 255 {
            throw TransportError(.sshFailed(reason: SSHFailure.describe(stderr: exit.stderr, status: exit.status)))
        }
        return Output(status: exit.status, stdout: String(decoding: await collected.value, as: UTF8.self), stderr: exit.stderr)
    }
}
