import Foundation
import Testing
import TestSupport

/// Runs the real binary against a fake engine and a real one (unix1) in the same command, so a
/// test sees both what dmux says about the hostile host and that the other host did not notice.
enum HostilePeer {
    /// dmux with two hosts, `fake` and `unix1`, running `line` with `-c`. The blocking spawn runs
    /// on a thread of its own: the fake engine's scripts need the (two-thread) cooperative pool.
    static func run(_ line: String, on fake: FakeEngine, options: [String] = []) async throws -> ProcessResult {
        let arguments = ["-H", "fake=\(fake.url)", "-H", "unix1=\(try Fleet.unix1)"] + options + ["-c", line]
        let environment = sanitizerEnvironment
        return try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try Dmux.run(arguments, environment: environment, timeout: 60) }) }.start()
        }
    }

    /// Under AddressSanitizer (scripts/sanitize) freed memory waits in a 256 MB quarantine that
    /// would count as dmux's own: the memory bounds are measured with the quarantine off.
    static var sanitizerEnvironment: [String: String] {
        guard let options = ProcessInfo.processInfo.environment["ASAN_OPTIONS"] else { return [:] }
        return ["ASAN_OPTIONS": options + ":quarantine_size_mb=0"]
    }

    /// The lines dmux printed about the fake host on stderr, the summary line excluded.
    static func fakeErrors(_ result: ProcessResult) -> [String] {
        result.stderr.split(separator: "\n").map(String.init).filter { $0.hasPrefix("fake") && !$0.contains("hosts failed") }
    }

    /// Checks that the fake host failed with exactly one line containing `message`, and that unix1
    /// answered `images` normally (its row for the test image is there).
    static func expectOneFailure(_ result: ProcessResult, containing message: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let errors = fakeErrors(result)
        #expect(errors.count == 1, "\(result)", sourceLocation: sourceLocation)
        #expect(errors.first?.contains(message) == true, "\(result)", sourceLocation: sourceLocation)
        #expect(result.status == 1, "\(result)", sourceLocation: sourceLocation)
        #expect(result.stderr.contains("1 of 2 hosts failed: fake ("), "\(result)", sourceLocation: sourceLocation)
        let unix1Rows = result.lines.filter { $0.hasPrefix("unix1 ") && $0.contains("dmux-test/busybox") }
        #expect(unix1Rows.count >= 1, "unix1 did not answer: \(result)", sourceLocation: sourceLocation)
    }

    /// A scripted engine for the length of `body`.
    static func with<T>(_ script: @escaping FakeEngine.Script, _ body: (FakeEngine) async throws -> T) async throws -> T {
        let fake = try await FakeEngine.start(script)
        do {
            let result = try await body(fake)
            await fake.stop()
            return result
        } catch {
            await fake.stop()
            throw error
        }
    }
}
