/// One stdcopy frame: which stream it belongs to and its bytes (a write, not a line).
public struct StreamFrame: Sendable, Hashable {
    public enum OutputStream: UInt8, Sendable, Hashable {
        /// Stream 0; docker writes it to stdout.
        case stdin = 0
        case stdout = 1
        case stderr = 2
    }

    public var stream: OutputStream
    public var payload: [UInt8]

    public init(stream: OutputStream, payload: [UInt8]) {
        self.stream = stream
        self.payload = payload
    }
}

/// Splits a multiplexed (Tty=false) logs/attach/exec stream into frames (moby api/pkg/stdcopy/stdcopy.go):
/// an 8-byte header `[stream, 0, 0, 0, size (UInt32 big-endian)]` then `size` payload bytes.
///
/// A pure state machine: feed it whatever the socket delivered, in any split. Stream 3
/// (systemerr) is the daemon aborting: its payload becomes a `.daemonError`. If frames came
/// before it in the same `feed`, they are returned first and the error is thrown by the next
/// `feed` or `finish` call, so no output is lost.
public struct StdcopyDemultiplexer: Sendable {
    /// Docker never writes frames this large (it copies in 32 KiB writes); a bigger size means
    /// the stream is not multiplexed (e.g. a TTY stream) or is corrupt.
    public static let defaultMaximumFrameSize = 64 << 20

    public let maximumFrameSize: Int
    private var buffer: [UInt8] = []
    private var pendingError: StreamDecodingError?

    public init(maximumFrameSize: Int = StdcopyDemultiplexer.defaultMaximumFrameSize) {
        self.maximumFrameSize = maximumFrameSize
    }

    /// Bytes held for an incomplete frame.
    public var bufferedByteCount: Int { buffer.count }

    public mutating func feed(_ bytes: some Collection<UInt8>) throws(StreamDecodingError) -> [StreamFrame] {
        if let pendingError { throw pendingError }
        buffer.append(contentsOf: bytes)
        var frames: [StreamFrame] = []
        var offset = 0
        defer { buffer.removeFirst(offset) }
        while buffer.count - offset >= 8 {
            let typeByte = buffer[offset]
            let size = Int(buffer[offset + 4]) << 24 | Int(buffer[offset + 5]) << 16
                | Int(buffer[offset + 6]) << 8 | Int(buffer[offset + 7])
            if typeByte > 3 {
                try fail(StreamDecodingError(.invalidStreamType, "stream id \(typeByte) in frame header"), frames: frames)
                break
            }
            if size > maximumFrameSize {
                try fail(StreamDecodingError(.tooLarge, "frame of \(size) bytes exceeds \(maximumFrameSize)"), frames: frames)
                break
            }
            guard buffer.count - offset - 8 >= size else { break }
            let payload = Array(buffer[(offset + 8)..<(offset + 8 + size)])
            offset += 8 + size
            if typeByte == 3 {
                let message = String(decoding: payload, as: UTF8.self)
                try fail(StreamDecodingError(.daemonError, message), frames: frames)
                break
            }
            frames.append(StreamFrame(stream: StreamFrame.OutputStream(rawValue: typeByte)!, payload: payload))
        }
        return frames
    }

    /// Call at end of stream: throws if it stopped inside a header or payload.
    public mutating func finish() throws(StreamDecodingError) {
        if let pendingError { throw pendingError }
        if !buffer.isEmpty {
            let held = buffer.count
            buffer.removeAll()
            throw StreamDecodingError(.truncated, "\(held) bytes of an incomplete multiplexed frame")
        }
    }

    /// Throws now if nothing was decoded in this feed; otherwise defers the error.
    private mutating func fail(_ error: StreamDecodingError, frames: [StreamFrame]) throws(StreamDecodingError) {
        pendingError = error
        if frames.isEmpty {
            throw error
        }
    }
}
