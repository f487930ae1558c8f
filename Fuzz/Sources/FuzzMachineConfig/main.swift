@testable import Endpoints
import Foundation
import FuzzSupport

/// libFuzzer target: the docker-machine `config.json` reader, from bytes to an endpoint or one
/// diagnostic. The store root does not exist, so certificates are never found: what is fuzzed is
/// the JSON reading, the Go-style key matching and the address rules, never the file system.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMachineConfig(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Data(bytes: data, count: size)
    do throws(DiagnosticError) {
        let (endpoint, _) = try MachineStore.endpoint(config: bytes, machine: "fuzz", root: "/nonexistent/dmux-fuzz-store")
        if case .tcp(_, let port, _) = endpoint.address, !(0...65535).contains(port) {
            fatalError("machine config gave port \(port)")
        }
    } catch {
        let message = error.diagnostic.message
        if message.isEmpty || message.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7f }) {
            fatalError("diagnostic is not one plain line: \(message.debugDescription)")
        }
    }
    return 0
}

runFuzzer(fuzzMachineConfig)
