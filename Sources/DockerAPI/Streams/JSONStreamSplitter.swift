/// Splits a stream of concatenated JSON values into one byte array per value, as moby
/// client/pkg/jsonmessage/jsonmessage.go `DisplayJSONMessagesStream` reads them with Go's
/// `json.Decoder`: objects, arrays, strings and scalars, any whitespace between them, RFC 7464 record separators (0x1E) ignored, and chunk boundaries anywhere — inside
/// strings, after a backslash, inside a UTF-8 sequence. It only finds value boundaries; decode
/// each value with `JSONDecoder`.
///
/// Like Go's decoder, the values before a bad byte are delivered: if some came before it in the
/// same `feed`, they are returned and the error is thrown by the next `feed` or `finish` call.
public struct JSONStreamSplitter: Sendable {
    public static let defaultMaximumValueSize = 64 << 20

    public let maximumValueSize: Int

    private enum State: Sendable {
        case between
        case container(depth: Int)
        case string(depth: Int, escaped: Bool)
        case scalar
    }

    private var state: State = .between
    private var current: [UInt8] = []
    private var pendingError: StreamDecodingError?

    public init(maximumValueSize: Int = JSONStreamSplitter.defaultMaximumValueSize) {
        self.maximumValueSize = maximumValueSize
    }

    /// Returns every value completed by these bytes. A top-level number or literal (`true`) is
    /// only known to be complete when a delimiter follows it, or at `finish()`.
    public mutating func feed(_ bytes: some Collection<UInt8>) throws(StreamDecodingError) -> [[UInt8]] {
        if let pendingError { throw pendingError }
        var values: [[UInt8]] = []
        do {
            try split(bytes, into: &values)
        } catch {
            pendingError = error
            if values.isEmpty { throw error }
        }
        return values
    }

    private mutating func split(_ bytes: some Collection<UInt8>, into values: inout [[UInt8]]) throws(StreamDecodingError) {
        for byte in bytes {
            switch state {
            case .between:
                switch byte {
                case 0x20, 0x09, 0x0A, 0x0D, 0x1E:
                    continue
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    current.append(byte)
                    state = .container(depth: 1)
                case UInt8(ascii: "\""):
                    current.append(byte)
                    state = .string(depth: 0, escaped: false)
                case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                     UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
                    current.append(byte)
                    state = .scalar
                default:
                    throw StreamDecodingError(.invalidJSON, "unexpected byte 0x\(String(byte, radix: 16)) between values")
                }
            case .container(let depth):
                current.append(byte)
                switch byte {
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    state = .container(depth: depth + 1)
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    if depth == 1 {
                        values.append(try take())
                    } else {
                        state = .container(depth: depth - 1)
                    }
                case UInt8(ascii: "\""):
                    state = .string(depth: depth, escaped: false)
                default:
                    break
                }
            case .string(let depth, let escaped):
                current.append(byte)
                if escaped {
                    state = .string(depth: depth, escaped: false)
                } else if byte == UInt8(ascii: "\\") {
                    state = .string(depth: depth, escaped: true)
                } else if byte == UInt8(ascii: "\"") {
                    if depth == 0 {
                        values.append(try take())
                    } else {
                        state = .container(depth: depth)
                    }
                }
            case .scalar:
                if Self.isScalarByte(byte) {
                    current.append(byte)
                } else {
                    values.append(try take())
                    // Re-examine the delimiter as the start of whatever follows.
                    try split(CollectionOfOne(byte), into: &values)
                }
            }
            if current.count > maximumValueSize { throw tooLarge() }
        }
    }

    /// The value just completed. Its closing byte may be the one over the limit (found by
    /// Fuzz/Sources/FuzzJSONStream: a value of exactly the maximum plus one got through).
    private mutating func take() throws(StreamDecodingError) -> [UInt8] {
        guard current.count <= maximumValueSize else { throw tooLarge() }
        defer {
            current = []
            state = .between
        }
        return current
    }

    private mutating func tooLarge() -> StreamDecodingError {
        let size = current.count
        current = []
        state = .between
        return StreamDecodingError(.tooLarge, "JSON value over \(maximumValueSize) bytes (\(size) buffered)")
    }

    /// Call at end of stream: returns a trailing scalar, throws if a value was cut off.
    public mutating func finish() throws(StreamDecodingError) -> [UInt8]? {
        if let pendingError { throw pendingError }
        defer {
            current = []
            state = .between
        }
        switch state {
        case .between:
            return nil
        case .scalar:
            return current
        case .container, .string:
            throw StreamDecodingError(.truncated, "\(current.count) bytes of an unfinished JSON value")
        }
    }

    private static func isScalarByte(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"),
             UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."):
            return true
        default:
            return false
        }
    }
}
