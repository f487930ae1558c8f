import DockerAPI
import FuzzSupport

/// libFuzzer target: the JSON stream splitter (events, pull progress, stats) on arbitrary bytes.
///
/// The first input byte picks a piece size; the rest is split once whole and once in pieces of
/// that size, which must agree (values and error). Every value must also start where a JSON value
/// can start and, for containers and strings, end with the matching closing byte.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSONStream(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let (first, bytes) = firstByteAndRest(data, size) else { return 0 }
    let piece = Int(first % 13) + 1
    let whole = split([bytes[...]])
    let inPieces = split(pieces(of: bytes, size: piece))
    if whole.values != inPieces.values || whole.error != inPieces.error {
        fatalError("split-dependent result: whole \(whole) vs pieces of \(piece) \(inPieces)")
    }
    for value in whole.values {
        guard let head = value.first, let tail = value.last else { fatalError("empty value") }
        if value.count > 256 { fatalError("value over the maximum: \(value.count)") }
        switch head {
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            if tail != UInt8(ascii: "}") && tail != UInt8(ascii: "]") { fatalError("container value ends with \(tail)") }
        case UInt8(ascii: "\""):
            if value.count < 2 || tail != UInt8(ascii: "\"") { fatalError("string value ends with \(tail)") }
        default:
            break
        }
    }
    return 0
}

/// Every value until the first error, then that error's text; `finish` included.
func split(_ pieces: [ArraySlice<UInt8>]) -> (values: [[UInt8]], error: String?) {
    // A small maximum so that the too-large path is reachable from small inputs.
    var splitter = JSONStreamSplitter(maximumValueSize: 256)
    var values: [[UInt8]] = []
    do {
        for piece in pieces { values += try splitter.feed(piece) }
        if let last = try splitter.finish() { values.append(last) }
        return (values, nil)
    } catch {
        return (values, "\(error)")
    }
}

runFuzzer(fuzzJSONStream)
