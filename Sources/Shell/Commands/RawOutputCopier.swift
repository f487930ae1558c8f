import DockerAPI
import Transport

/// A container's output copied as docker copies it for one host (moby `stdcopy.StdCopy`): each
/// write as it comes, on its own stream, with no line splitting — a `\r` stays, a last line
/// without newline stays without one.
///
/// Text goes out as Swift strings, so a UTF-8 character cut between two writes is held back
/// until its remaining bytes arrive; only `finish()` decodes what is left as it is.
struct RawOutputCopier: OutputFramer {
    /// Text tagged stdout or stderr, as the line assembler's, but a write rather than a line.
    typealias Piece = OutputLineAssembler.Line

    let tty: Bool
    private var demultiplexer = StdcopyDemultiplexer()
    private var stdoutTail: [UInt8] = []
    private var stderrTail: [UInt8] = []

    init(tty: Bool) {
        self.tty = tty
    }

    mutating func feed(_ bytes: some Collection<UInt8>) throws(StreamDecodingError) -> [Piece] {
        guard !tty else { return [Self.take(Array(bytes), tail: &stdoutTail, stderr: false)].compactMap { $0 } }
        return try demultiplexer.feed(bytes).compactMap { frame in
            frame.stream == .stderr
                ? Self.take(frame.payload, tail: &stderrTail, stderr: true)
                : Self.take(frame.payload, tail: &stdoutTail, stderr: false)
        }
    }

    /// What was held back, and the framing error the stream ended with, if any.
    mutating func finish() -> (items: [Piece], error: StreamDecodingError?) {
        var pieces: [Piece] = []
        if !stdoutTail.isEmpty { pieces.append(Piece(stderr: false, text: String(decoding: stdoutTail, as: UTF8.self))) }
        if !stderrTail.isEmpty { pieces.append(Piece(stderr: true, text: String(decoding: stderrTail, as: UTF8.self))) }
        stdoutTail = []
        stderrTail = []
        do {
            if !tty { try demultiplexer.finish() }
            return (pieces, nil)
        } catch {
            return (pieces, error)
        }
    }

    /// The text of `tail + payload` up to its last complete UTF-8 character; the rest is kept.
    private static func take(_ payload: [UInt8], tail: inout [UInt8], stderr: Bool) -> Piece? {
        let bytes = tail + payload
        let cut = bytes.count - incompleteSuffixLength(bytes)
        tail = Array(bytes[cut...])
        return cut == 0 ? nil : Piece(stderr: stderr, text: String(decoding: bytes[..<cut], as: UTF8.self))
    }

    /// How many bytes at the end start a UTF-8 sequence that has not all arrived (0 to 3).
    static func incompleteSuffixLength(_ bytes: [UInt8]) -> Int {
        for back in stride(from: 1, through: min(3, bytes.count), by: 1) {
            let byte = bytes[bytes.count - back]
            if byte & 0b1100_0000 == 0b1000_0000 { continue }  // a continuation byte: look further back
            let length = byte >= 0b1111_0000 ? 4 : byte >= 0b1110_0000 ? 3 : byte >= 0b1100_0000 ? 2 : 1
            return length > back ? back : 0
        }
        return 0
    }

    /// Copies `response` to the console as it arrives (see `OutputFramer.drain`).
    static func copy(_ response: ResponseStream, tty: Bool, to console: Console) async throws {
        var copier = RawOutputCopier(tty: tty)
        try await copier.drain(response) { pieces in
            for piece in pieces { piece.stderr ? console.err(piece.text) : console.out(piece.text) }
        }
    }
}
