import Foundation
import Glibc
import TestSupport

/// Runs the built `dmux` the way users do: a fresh process with a clean environment (no DOCKER_*
/// variables and an empty HOME unless the test sets them), so nothing on this machine leaks in.
enum Dmux {
    /// The `dmux` executable beside the test bundle, or `$DMUX_BINARY`.
    static var binary: String {
        if let path = ProcessInfo.processInfo.environment["DMUX_BINARY"] { return path }
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while directory.path != "/" {
            let candidate = directory.appendingPathComponent("dmux").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            directory.deleteLastPathComponent()
        }
        return ".build/debug/dmux"
    }

    /// A private HOME for one test, so machine stores and contexts are only what the test writes.
    static func temporaryHome() throws -> String {
        let path = NSTemporaryDirectory() + "dmux-home-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Runs dmux with `arguments`, feeding `stdin`, with `environment` added to a clean base, and
    /// `inherit` mapping child descriptor numbers to descriptors of this process (for fd://N).
    static func run(
        _ arguments: [String],
        stdin: String = "",
        environment: [String: String] = [:],
        inherit: [Int32: Int32] = [:],
        timeout: Double = 60
    ) throws -> ProcessResult {
        try ChildProcess.run([binary] + arguments, stdin: stdin, environment: try self.environment(environment),
                             inherit: inherit, timeout: timeout)
    }

    /// The clean base every dmux of the tests starts with, plus `extra`.
    static func environment(_ extra: [String: String]) throws -> [String: String] {
        var base = [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "HOME": try temporaryHome(),
            "DMUX_RC": "/dev/null",
            "LANG": "C.UTF-8",
        ]
        // A sanitized dmux (scripts/sanitize) reports where the test run's own reports go.
        for name in ["ASAN_OPTIONS", "TSAN_OPTIONS"] { base[name] = ProcessInfo.processInfo.environment[name] }
        return base.merging(extra) { _, new in new }
    }
}
