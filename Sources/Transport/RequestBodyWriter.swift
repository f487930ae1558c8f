import NIOConcurrencyHelpers
import NIOCore

/// Writes a request body of unknown length as HTTP/1.1 chunks while the request is under way.
///
/// A piece goes to the event loop in one hop and `write` returns without waiting for it, up to
/// the channel's high water mark (`Dialer.writeBufferWaterMark`) of bytes handed over since the
/// last wait; then it waits until the loop has taken them and the kernel has drained the channel
/// below its low water mark. So a slow engine slows its writer down, and what is in flight stays
/// bounded whatever the body's size, without a wait per piece.
public final class RequestBodyWriter: Sendable {
    let connection: EngineConnection
    /// Bytes handed to the loop since the last wait, which the channel's writability cannot see yet.
    private let unconfirmed = NIOLockedValueBox(0)

    init(connection: EngineConnection) {
        self.connection = connection
    }

    public func write(_ piece: ByteBuffer) async throws {
        guard piece.readableBytes > 0 else { return }  // an empty chunk would end the body
        let channel = connection.channel
        guard channel.isActive else { throw TransportError(.closed, address: connection.address) }
        let framing = ByteBuffer(string: String(piece.readableBytes, radix: 16) + "\r\n")
        let submit: @Sendable () -> Void = {
            channel.write(framing, promise: nil)
            channel.write(piece, promise: nil)
            channel.writeAndFlush(Self.chunkEnd, promise: nil)
        }
        let mayGoOn = unconfirmed.withLockedValue { bytes in
            bytes += piece.readableBytes
            return bytes < Dialer.writeBufferWaterMark.high && channel.isWritable
        }
        if mayGoOn {
            channel.eventLoop.execute(submit)
            return
        }
        let reader = connection.reader
        do {
            try await channel.eventLoop.flatSubmit {
                submit()
                return reader.value.writable()
            }.get()
            unconfirmed.withLockedValue { $0 = 0 }
        } catch {
            // NIO says "I/O on closed channel"; the user needs to know the engine hung up.
            throw TransportError(.closed, address: connection.address)
        }
    }

    private static let chunkEnd = ByteBuffer(staticString: "\r\n")

    /// The last chunk: the engine now knows the body is complete.
    func finish() async throws {
        var last = connection.channel.allocator.buffer(capacity: 5)
        last.writeStaticString("0\r\n\r\n")
        try await connection.write(last)
    }
}
