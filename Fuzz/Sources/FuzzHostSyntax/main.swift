import Endpoints
import FuzzSupport

/// libFuzzer target: the host URL parser (`-H`, `DOCKER_HOST`, machine `Driver.URL`, context hosts).
///
/// Besides not crashing: a parsed TCP port is a real port, and an address dmux parsed reads back
/// the same from its own description (what `hosts` shows and what `env` exports).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHostSyntax(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    for tls in [false, true] {
        if let address = try? HostSyntax.parse(text, defaultToTLS: tls) {
            check(address, from: text)
            // A base path is printed unescaped, and the docker CLI's quirks (trimming, the `]:`
            // suffix rule) apply to it on reading; only plain paths are expected to read back.
            if case .tcp(_, _, let path) = address, !path.unicodeScalars.allSatisfy(isPlainPathScalar) { continue }
            if case .ssh(let destination) = address, !destination.socketPath.unicodeScalars.allSatisfy(isPlainPathScalar) { continue }
            guard let again = try? HostSyntax.parse(address.description, defaultToTLS: tls) else {
                fatalError("\(text.debugDescription) parsed as \(address.description.debugDescription), which does not parse")
            }
            if again != address {
                fatalError("\(text.debugDescription) parsed as \(address), which reads back as \(again)")
            }
        }
        if let address = try? HostSyntax.parseContextHost(text, tls: tls) {
            check(address, from: text)
        }
    }
    return 0
}

func isPlainPathScalar(_ scalar: Unicode.Scalar) -> Bool {
    scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "/._~-".unicodeScalars.contains(scalar))
}

func check(_ address: EngineAddress, from text: String) {
    if case .tcp(let host, let port, _) = address {
        if !(0...65535).contains(port) { fatalError("\(text.debugDescription): port \(port)") }
        if host.isEmpty { fatalError("\(text.debugDescription): empty host") }
    }
}

runFuzzer(fuzzHostSyntax)
