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
