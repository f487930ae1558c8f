import DockerAPI
import FuzzSupport

/// libFuzzer target: the stdcopy demultiplexer (logs, attach, exec output) on arbitrary bytes.
///
/// The first input byte picks a piece size; the rest is fed once whole and once in pieces of that
/// size. Besides not crashing, both must give the same frames and end with the same error: what a
/// host shows may not depend on how the socket happened to split its bytes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzStdcopy(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let (first, bytes) = firstByteAndRest(data, size) else { return 0 }
    let piece = Int(first % 17) + 1
    // A small maximum so that the too-large path is reachable from small inputs.
    let whole = demultiplex([bytes[...]], maximumFrameSize: 64)
    let inPieces = demultiplex(pieces(of: bytes, size: piece),
                             maximumFrameSize: 64)
    if whole.frames != inPieces.frames || whole.error != inPieces.error {
        fatalError("split-dependent result: whole \(whole) vs pieces of \(piece) \(inPieces)")
    }
    for frame in whole.frames where frame.payload.count > 64 { fatalError("frame over the maximum: \(frame.payload.count)") }
    return 0
}

/// Every frame until the first error, then that error's text (also after `finish`).
func demultiplex(_ pieces: [ArraySlice<UInt8>], maximumFrameSize: Int) -> (frames: [StreamFrame], error: String?) {
    var demultiplexer = StdcopyDemultiplexer(maximumFrameSize: maximumFrameSize)
    var frames: [StreamFrame] = []
    do {
        for piece in pieces { frames += try demultiplexer.feed(piece) }
        try demultiplexer.finish()
        if demultiplexer.bufferedByteCount != 0 { fatalError("bytes held after finish") }
        return (frames, nil)
    } catch {
        return (frames, "\(error)")
    }
}

runFuzzer(fuzzStdcopy)
