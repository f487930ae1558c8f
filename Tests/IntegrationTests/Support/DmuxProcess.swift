import CPosix
import Foundation
import Glibc

/// What one run of the real `dmux` binary produced.
struct DmuxResult: CustomStringConvertible {
    var status: Int32
    var stdout: String
    var stderr: String
    /// The child's peak resident set size (`ru_maxrss` from wait4), in KiB.
    var peakRSSKiB: Int = 0

    var description: String { "status \(status)\n--- stdout\n\(stdout)--- stderr\n\(stderr)" }
    var lines: [String] { stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init) }
}

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
    ) throws -> DmuxResult {
        var base = [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "HOME": try temporaryHome(),
            "DMUX_RC": "/dev/null",
            "LANG": "C.UTF-8",
        ]
        // A sanitized dmux (scripts/sanitize) reports where the test run's own reports go.
        for name in ["ASAN_OPTIONS", "TSAN_OPTIONS"] { base[name] = ProcessInfo.processInfo.environment[name] }
        base.merge(environment) { _, new in new }
        return try spawn([binary] + arguments, stdin: stdin, environment: base, inherit: inherit, timeout: timeout)
    }

    static func spawn(
        _ argv: [String],
        stdin: String,
        environment: [String: String],
        inherit: [Int32: Int32],
        timeout: Double
    ) throws -> DmuxResult {
        var input: [Int32] = [0, 0], output: [Int32] = [0, 0], errors: [Int32] = [0, 0]
        guard pipe(&input) == 0, pipe(&output) == 0, pipe(&errors) == 0 else { throw SpawnError("pipe failed") }
        // Close-on-exec: otherwise every child (of this test or a parallel one) inherits the write
        // end of its own stdin and never sees end of input. dup2 below clears it on 0, 1 and 2.
        for fd in input + output + errors { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, input[0], 0)
        posix_spawn_file_actions_adddup2(&actions, output[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errors[1], 2)
        for (child, parent) in inherit { posix_spawn_file_actions_adddup2(&actions, parent, child) }
        // Only what the test hands over: another test's pipes must not keep this child's peers open.
        dmux_spawn_closefrom(&actions, (inherit.keys.max() ?? 2) + 1)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // Start the child with default signal handling even if the test runner ignores some.
        var signals = sigset_t()
        sigfillset(&signals)
        posix_spawnattr_setsigdefault(&attributes, &signals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF))

        let cArguments = argv.map { strdup($0) } + [nil]
        let cEnvironment = environment.map { strdup("\($0)=\($1)") } + [nil]
        defer { (cArguments + cEnvironment).forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, argv[0], &actions, &attributes, cArguments, cEnvironment)
        close(input[0]); close(output[1]); close(errors[1])
        guard spawned == 0 else { throw SpawnError("cannot start \(argv[0]): \(String(cString: strerror(spawned)))") }

        let stdinWriter = input[1]
        let writer = Thread {
            let bytes = Array(stdin.utf8)
            var offset = 0
            while offset < bytes.count {
                // A pointer into the array's storage: `&bytes[offset]` may point at a one-byte copy.
                let written = bytes.withUnsafeBytes { write(stdinWriter, $0.baseAddress! + offset, bytes.count - offset) }
                if written <= 0 { break }
                offset += written
            }
            close(stdinWriter)
        }
        writer.start()
        let (out, err) = drain(output[0], errors[0], pid: pid, timeout: timeout)
        var status: Int32 = 0
        var usage = rusage()
        wait4(pid, &status, 0, &usage)
        let code = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return DmuxResult(status: code, stdout: String(decoding: out, as: UTF8.self), stderr: String(decoding: err, as: UTF8.self),
                          peakRSSKiB: usage.ru_maxrss)
    }

    /// Reads both pipes to their ends; kills the child when it outlives `timeout`.
    private static func drain(_ out: Int32, _ err: Int32, pid: pid_t, timeout: Double) -> ([UInt8], [UInt8]) {
        var buffers: [Int32: [UInt8]] = [out: [], err: []]
        var open: Set<Int32> = [out, err]
        let deadline = Date().addingTimeInterval(timeout)
        var chunk = [UInt8](repeating: 0, count: 65536)
        while !open.isEmpty {
            var fds = open.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            let ready = poll(&fds, nfds_t(fds.count), 200)
            if Date() > deadline { kill(pid, SIGKILL) }  // shows as status 137
            guard ready > 0 else { if ready < 0 && errno != EINTR { break }; continue }
            for fd in fds where fd.revents != 0 {
                let count = read(fd.fd, &chunk, chunk.count)
                if count <= 0 {
                    close(fd.fd)
                    open.remove(fd.fd)
                } else {
                    buffers[fd.fd]!.append(contentsOf: chunk[0..<count])
                }
            }
        }
        return (buffers[out]!, buffers[err]!)
    }
}

struct SpawnError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
