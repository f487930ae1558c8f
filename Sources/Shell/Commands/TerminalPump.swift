#if canImport(Glibc)
import Glibc
#endif
import NIOCore
import Transport

/// A hijacked stream wired to the terminal: every key the user types goes to the process, its
/// output to stdout as it comes, and docker's detach keys end the session without stopping the
/// process (`exec -it`, `attach`).
struct TerminalPump: Sendable {
    let detachKeys: [UInt8]

    /// Keys in, output out, until the process ends (false) or the user detaches (true).
    func run(_ response: ResponseStream) async throws -> Bool {
        let reader = StdinReader()
        let handle = StreamHandle(stream: response)
        let keys = detachKeys
        return try await withThrowingTaskGroup(of: Bool.self) { group in
            group.addTask {
                var matcher = DetachKeyMatcher(keys: keys)
                for await chunk in reader.chunks() {
                    let (forward, detached) = matcher.feed(chunk)
                    if !forward.isEmpty { try await handle.stream.write(ByteBuffer(bytes: forward)) }
                    if detached {
                        handle.stream.close()
                        return true
                    }
                }
                try? await handle.stream.finishWriting()
                return false
            }
            var failure: Error?
            do {
                while let piece = try await response.next() { Self.writeAll(piece) }
            } catch {
                failure = error
            }
            reader.stop()
            let detached = (try? await group.next()) ?? false
            group.cancelAll()
            if detached == true { return true }
            if let failure { throw failure }
            return false
        }
    }

    private static func writeAll(_ buffer: ByteBuffer) {
        buffer.withUnsafeReadableBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = write(1, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR || errno == EAGAIN { continue }
                    return
                }
                offset += written
            }
        }
    }
}
