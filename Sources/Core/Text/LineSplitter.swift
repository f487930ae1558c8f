/// Turns a byte stream into complete lines (without `\n`, and without a `\r` before it): for
/// logs and TTY output that must be prefixed line by line, a child's output, and the shell's
/// own script lines. A line longer than the bound is emitted in bound-sized pieces, so memory
/// stays bounded on output with no newlines.
public struct LineSplitter: Sendable {
    public static let defaultMaximumLineLength = 1 << 20

    public let maximumLineLength: Int
    private var partial: [UInt8] = []

    public init(maximumLineLength: Int = LineSplitter.defaultMaximumLineLength) {
        self.maximumLineLength = max(1, maximumLineLength)
    }

    /// Bytes of the current unfinished line.
    public var pendingByteCount: Int { partial.count }

    public mutating func feed(_ bytes: some Collection<UInt8>) -> [[UInt8]] {
        if let lines = bytes.withContiguousStorageIfAvailable({ feed(contiguous: $0) }) { return lines }
        return Array(bytes).withUnsafeBufferPointer { feed(contiguous: $0) }
    }

    /// Finds newlines with a scan of contiguous memory and copies whole runs at once: a fast
    /// stream costs per line, not per byte.
    private mutating func feed(contiguous bytes: UnsafeBufferPointer<UInt8>) -> [[UInt8]] {
        var lines: [[UInt8]] = []
        var start = 0
        while start < bytes.count {
            let newline = bytes[start...].firstIndex(of: UInt8(ascii: "\n"))
            partial.append(contentsOf: bytes[start..<(newline ?? bytes.count)])
            while partial.count > maximumLineLength {
                lines.append(Array(partial.prefix(maximumLineLength)))
                partial.removeFirst(maximumLineLength)
            }
            guard let newline else { break }  // a trailing \r stays: its \n may come in the next chunk
            if partial.last == UInt8(ascii: "\r") { partial.removeLast() }
            lines.append(partial)
            partial = []
            start = newline + 1
        }
        return lines
    }

    /// The last line when the stream did not end with a newline; nil otherwise.
    public mutating func finish() -> [UInt8]? {
        defer { partial = [] }
        return partial.isEmpty ? nil : partial
    }
}
