import Core

/// Core's `LineSplitter` as the pull source of `LineEvent`s that `StreamLineSource` and
/// `ScriptedLineSource` read: the pure core of both.
///
/// Lines end at `\n`; a `\r` just before it is dropped (CRLF scripts), and so is one ending the
/// last line. Bytes are decoded as UTF-8 with invalid sequences replaced by U+FFFD, so garbage
/// input never crashes the shell; NUL bytes are kept as U+0000. A final line without a newline
/// is still a line. A script line has no length bound: the shell reads it whole.
struct LineEventSplitter: Sendable {
    private var splitter = LineSplitter(maximumLineLength: .max)
    private var ready: [String] = []
    private var nextReady = 0
    private var finished = false

    /// Appends bytes read from the stream.
    mutating func append(_ bytes: some Collection<UInt8>) {
        if nextReady == ready.count {
            ready.removeAll(keepingCapacity: true)
            nextReady = 0
        }
        ready += splitter.feed(bytes).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Marks the end of the stream: the remaining bytes, if any, become the last line.
    mutating func finish() {
        guard !finished else { return }
        finished = true
        guard var last = splitter.finish() else { return }
        if last.last == UInt8(ascii: "\r") { last.removeLast() }
        ready.append(String(decoding: last, as: UTF8.self))
    }

    /// The next complete line, `.endOfInput` once the stream is finished and drained, or nil
    /// when more bytes are needed.
    mutating func nextEvent() -> LineEvent? {
        if nextReady < ready.count {
            defer { nextReady += 1 }
            return .line(ready[nextReady])
        }
        return finished ? .endOfInput : nil
    }
}
