import NIOCore

/// Writes a request body of unknown length as HTTP/1.1 chunks while the request is under way.
///
/// Each write returns once the kernel took the bytes, so a slow engine slows its writer down:
/// the caller never holds more than the piece it is writing.
public struct RequestBodyWriter: Sendable {
    let connection: EngineConnection

    public func write(_ piece: ByteBuffer) async throws {
        guard piece.readableBytes > 0 else { return }  // an empty chunk would end the body
        let channel = connection.channel
        var size = channel.allocator.buffer(capacity: 12)
        size.writeString(String(piece.readableBytes, radix: 16) + "\r\n")
        var end = channel.allocator.buffer(capacity: 2)
        end.writeStaticString("\r\n")
        channel.write(size, promise: nil)
        channel.write(piece, promise: nil)
        do {
            try await channel.writeAndFlush(end)
        } catch {
            // NIO says "I/O on closed channel"; the user needs to know the engine hung up.
            throw TransportError(.closed, address: connection.address)
        }
    }

    /// The last chunk: the engine now knows the body is complete.
    func finish() async throws {
        var last = connection.channel.allocator.buffer(capacity: 5)
        last.writeStaticString("0\r\n\r\n")
        try await connection.write(last)
    }
}
