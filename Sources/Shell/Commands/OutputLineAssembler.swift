import Core
import DockerAPI
import Transport

/// Turns a container's output (its logs, or an attached or exec'd process) into whole lines,
/// each tagged stdout or stderr.
///
/// The framing comes from the container's `Config.Tty` (moby api/pkg/stdcopy/stdcopy.go), never from the
/// Content-Type: a TTY stream is raw bytes (stderr merged into stdout), anything else is stdcopy
/// frames. Frames follow the process's writes, not lines, so each stream keeps its own partial
/// line until its newline arrives; `finish()` flushes what is left when the stream ends.
struct OutputLineAssembler: OutputFramer {
    struct Line: Sendable, Hashable {
        var stderr: Bool
        var text: String
    }

    let tty: Bool
    private var demultiplexer = StdcopyDemultiplexer()
    private var stdout = LineSplitter()
    private var stderr = LineSplitter()

    init(tty: Bool) {
        self.tty = tty
    }

    mutating func feed(_ bytes: some Collection<UInt8>) throws(StreamDecodingError) -> [Line] {
        guard !tty else { return stdout.feed(bytes).map { Line(stderr: false, text: Self.text($0)) } }
        var lines: [Line] = []
        for frame in try demultiplexer.feed(bytes) {
            if frame.stream == .stderr {
                lines += stderr.feed(frame.payload).map { Line(stderr: true, text: Self.text($0)) }
            } else {
                lines += stdout.feed(frame.payload).map { Line(stderr: false, text: Self.text($0)) }
            }
        }
        return lines
    }

    /// The partial last lines (stdout first), and the framing error the stream ended with, if any:
    /// the lines are shown even when the stream was cut.
    mutating func finish() -> (items: [Line], error: StreamDecodingError?) {
        var lines: [Line] = []
        if let last = stdout.finish() { lines.append(Line(stderr: false, text: Self.text(last))) }
        if let last = stderr.finish() { lines.append(Line(stderr: true, text: Self.text(last))) }
        do {
            if !tty { try demultiplexer.finish() }
            return (lines, nil)
        } catch {
            return (lines, error)
        }
    }

    /// Reads `response` to its end, handing its whole lines to `emit` (see `OutputFramer.drain`).
    static func read(_ response: ResponseStream, tty: Bool, emit: ([Line]) -> Void) async throws {
        var assembler = OutputLineAssembler(tty: tty)
        try await assembler.drain(response, emit: emit)
    }

    /// A TTY's final `\r` (a line cut at its `\r\n`) is not text.
    private static func text(_ bytes: [UInt8]) -> String {
        var bytes = bytes[...]
        if bytes.last == UInt8(ascii: "\r") { bytes = bytes.dropLast() }
        return String(decoding: bytes, as: UTF8.self)
    }
}
