#if canImport(Glibc)
import Glibc
#endif

/// libFuzzer's entry signature (`LLVMFuzzerTestOneInput`).
public typealias FuzzTest = @convention(c) (UnsafePointer<UInt8>, Int) -> CInt

@_silgen_name("LLVMFuzzerRunDriver")
private func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ test: FuzzTest
) -> CInt

/// Hands the process to libFuzzer with its command line. SwiftPM points an executable's `main`
/// at the target's top-level code (`--defsym main=…`), so libFuzzer's own `main` never runs and
/// each fuzz target's `main.swift` ends by calling this instead.
public func runFuzzer(_ test: FuzzTest) -> Never {
    var argc = CommandLine.argc
    var argv = CommandLine.unsafeArgv
    exit(LLVMFuzzerRunDriver(&argc, &argv, test))
}

/// `bytes` cut into pieces of `size` (the last may be shorter): the same input as a socket might
/// deliver it, for targets that check a split feed gives the same answer as a whole one.
public func pieces(of bytes: [UInt8], size: Int) -> [ArraySlice<UInt8>] {
    stride(from: 0, to: bytes.count, by: size).map { bytes[$0..<min($0 + size, bytes.count)] }
}

/// The input as the split-feed targets read it: the first byte, which picks the piece size and
/// options, and the rest, which is fed; nil for an empty input.
public func firstByteAndRest(_ data: UnsafePointer<UInt8>, _ size: Int) -> (first: UInt8, rest: [UInt8])? {
    guard size > 0 else { return nil }
    return (data[0], Array(UnsafeBufferPointer(start: data + 1, count: size - 1)))
}
