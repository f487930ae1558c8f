/// Splits a byte stream into lines: the pure core of `StreamLineSource`.
///
/// Lines end at `\n`; a `\r` just before it is dropped (CRLF scripts). Bytes are decoded as
/// UTF-8 with invalid sequences replaced by U+FFFD, so garbage input never crashes the shell;
/// NUL bytes are kept as U+0000. A final line without a newline is still a line.
struct LineSplitter: Sendable {
    private var buffer: [UInt8] = []
    /// Start of the unconsumed bytes; consumed bytes are dropped lazily when a chunk arrives,
    /// so many short lines in one chunk cost one move, not one per line.
    private var start = 0
    /// Where the next newline search starts: bytes before it hold no newline, so a 1 MB line
    /// arriving in 64 KB chunks is scanned once, not once per chunk.
    private var scanned = 0
    private var finished = false

    /// Appends bytes read from the stream.
    mutating func append<Bytes: Collection>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        if start > 0 {
            buffer.removeSubrange(..<start)
            scanned -= start
            start = 0
        }
        buffer.append(contentsOf: bytes)
    }

    /// Marks the end of the stream: the remaining bytes, if any, become the last line.
    mutating func finish() {
        finished = true
    }

    /// The next complete line, `.endOfInput` once the stream is finished and drained, or nil
    /// when more bytes are needed.
    mutating func nextEvent() -> LineEvent? {
        if let newline = buffer[scanned...].firstIndex(of: UInt8(ascii: "\n")) {
            let line = decode(start..<newline)
            start = newline + 1
            scanned = start
            return .line(line)
        }
        scanned = buffer.count
        guard finished else { return nil }
        guard start < buffer.count else { return .endOfInput }
        let line = decode(start..<buffer.count)
        start = buffer.count
        scanned = start
        return .line(line)
    }

    private func decode(_ range: Range<Int>) -> String {
        var end = range.upperBound
        if end > range.lowerBound, buffer[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return String(decoding: buffer[range.lowerBound..<end], as: UTF8.self)
    }
}
