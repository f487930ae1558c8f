import FuzzSupport
import NIOCore
@testable import Transport

/// libFuzzer target: the HTTP/1.1 response parser (heads, Content-Length, chunked bodies,
/// trailers, 1xx, 101 upgrades, read-until-close) on arbitrary bytes from an engine.
///
/// The first byte picks a piece size and whether a body is expected (HEAD); the rest is fed once
/// whole and once in pieces, then `finish`ed as a hang-up. Besides not crashing, both must give
/// the same error, or the same heads, body bytes and end: what a host shows may not depend on
/// how the socket split its bytes. A body is never longer than its Content-Length, and nothing follows an end.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzResponseParser(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let (first, bytes) = firstByteAndRest(data, size) else { return 0 }
    let piece = Int(first % 23) + 1
    let expectsBody = first & 0x80 == 0
    let whole = parse([bytes[...]], expectsBody: expectsBody)
    let inPieces = parse(pieces(of: bytes, size: piece),
                       expectsBody: expectsBody)
    // A feed that throws drops the events of that call (the caller fails the request anyway),
    // so after an error only the error itself is compared.
    if whole.error != inPieces.error || (whole.error == nil && whole != inPieces) {
        fatalError("split-dependent result: whole \(whole) vs pieces of \(piece) \(inPieces)")
    }
    // A negative Content-Length is no length at all (a HEAD answer never reads it, as in Go's fixLength).
    if let head = whole.heads.last, let length = head.headers.first("Content-Length").flatMap({ Int($0) }), length >= 0,
       head.headers.first("Transfer-Encoding") == nil, head.status != 101, whole.body.count > length {
        fatalError("a body of \(whole.body.count) bytes for Content-Length \(length)")
    }
    return 0
}

struct Parsed: Equatable, CustomStringConvertible {
    var heads: [ResponseHead] = []
    var body: [UInt8] = []
    var ends: [Bool] = []
    var error: String?

    var description: String { "heads \(heads.map(\.status)) body \(body.count) bytes ends \(ends) error \(error ?? "none")" }
}

/// Every event until the first error, then that error's text; the hang-up (`finish`) included.
func parse(_ pieces: [ArraySlice<UInt8>], expectsBody: Bool) -> Parsed {
    // A small head limit so that the too-large path is reachable from small inputs.
    var parser = ResponseParser(expectsBody: expectsBody, maxHeadBytes: 512)
    var parsed = Parsed()
    func take(_ events: [ResponseParser.Event]) {
        for event in events {
            if !parsed.ends.isEmpty { fatalError("an event after the end: \(event)") }
            switch event {
            case .head(let head): parsed.heads.append(head)
            case .body(let buffer): parsed.body += buffer.readableBytesView
            case .end(let reusable): parsed.ends.append(reusable)
            }
        }
    }
    do {
        for piece in pieces { take(try parser.feed(ByteBuffer(bytes: piece))) }
        take(try parser.finish())
    } catch {
        parsed.error = "\(error)"
    }
    return parsed
}

runFuzzer(fuzzResponseParser)
