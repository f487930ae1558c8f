@testable import Endpoints
import Foundation
import FuzzSupport

/// libFuzzer target: a docker context's `meta.json`, from bytes to an endpoint or one
/// diagnostic. The config directory does not exist, so no TLS file is ever found: what is fuzzed
/// is the JSON reading, Go's key matching and the context host rules, never the file system.
///
/// Besides not crashing: a TCP port is a real port, a name is never empty, and a diagnostic is
/// one plain line (no newline or terminal escape from the file reaches the user's terminal).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzContextMeta(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Data(bytes: data, count: size)
    switch ContextStore.loadContext(meta: bytes, metaFile: "/nonexistent/meta.json", configDirectory: "/nonexistent/dmux-fuzz") {
    case .success(let (endpoint, warnings)):
        if endpoint.name.isEmpty { fatalError("a context without a name") }
        if case .tcp(let host, let port, _) = endpoint.address {
            if !(0...65535).contains(port) { fatalError("context gave port \(port)") }
            if host.isEmpty { fatalError("context gave an empty host") }
        }
        warnings.forEach { checkOneLine($0.message) }
    case .failure(let error):
        checkOneLine(error.diagnostic.message)
    }
    return 0
}

func checkOneLine(_ message: String) {
    if message.isEmpty || message.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7f }) {
        fatalError("diagnostic is not one plain line: \(message.debugDescription)")
    }
}

runFuzzer(fuzzContextMeta)
