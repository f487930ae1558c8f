import CPosix
import Foundation
import Glibc

/// A program the tests start, with a pipe on its stdin and its stdout and stderr on pipes (or
/// in a log file), in a process group of its own. Every wait has a deadline: a child that hangs
/// fails its test instead of hanging the run. Killing the group also ends what the child started
/// (a `docker` behind `!docker`, a dockerd's containerd), which would otherwise hold the pipes.
///
/// Foundation's `Process` is not used: its `waitUntilExit` hung for good in CI after a child
/// (`tmux new-session`) had exited.
public final class ChildProcess: @unchecked Sendable {
    public let pid: pid_t
    /// The write end of the child's stdin; `closeInput()` is the child's end of input.
    public let input: Int32
    /// The read ends of the child's stdout and stderr; -1 when they go to a log file.
    public let output: Int32
    public let errors: Int32
    private let lock = NSLock()
    private var exit: (status: Int32, usage: rusage)?
    private var inputOpen = true

    /// Starts `argv` with exactly `environment`; `inherit` maps child descriptor numbers to
    /// descriptors of this process (for fd://N); `log` sends stdout and stderr to that file.
    public init(_ argv: [String], environment: [String: String], inherit: [Int32: Int32] = [:], log: String? = nil) throws {
        Self.ignoreSIGPIPE
        var stdinPipe: [Int32] = [-1, -1], stdoutPipe: [Int32] = [-1, -1], stderrPipe: [Int32] = [-1, -1]
        guard pipe(&stdinPipe) == 0 else { throw SpawnError("pipe failed") }
        if log == nil { guard pipe(&stdoutPipe) == 0, pipe(&stderrPipe) == 0 else { throw SpawnError("pipe failed") } }
        let ours = (stdinPipe + stdoutPipe + stderrPipe).filter { $0 >= 0 }
        // Close-on-exec: otherwise every child inherits the write end of its own stdin and never
        // sees end of input. dup2 below clears it on 0, 1 and 2.
        for fd in ours { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, stdinPipe[0], 0)
        if let log {
            posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_APPEND, 0o644)
            posix_spawn_file_actions_adddup2(&actions, 1, 2)
        } else {
            posix_spawn_file_actions_adddup2(&actions, stdoutPipe[1], 1)
            posix_spawn_file_actions_adddup2(&actions, stderrPipe[1], 2)
        }
        for (child, parent) in inherit { posix_spawn_file_actions_adddup2(&actions, parent, child) }
        // Only what the test hands over: another test's pipes must not keep this child's peers open.
        dmux_spawn_closefrom(&actions, (inherit.keys.max() ?? 2) + 1)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // Whatever the test runner's thread blocks (a tmux server that inherited a blocked SIGTERM
        // ignores `kill-server`), the child starts clean, in a group of its own.
        dmux_spawnattr_fresh_group(&attributes)

        let cArguments = argv.map { strdup($0) } + [nil]
        let cEnvironment = environment.map { strdup("\($0)=\($1)") } + [nil]
        defer { (cArguments + cEnvironment).forEach { free($0) } }
        var child: pid_t = 0
        let spawned = posix_spawn(&child, argv[0], &actions, &attributes, cArguments, cEnvironment)
        for fd in [stdinPipe[0], stdoutPipe[1], stderrPipe[1]] where fd >= 0 { close(fd) }
        guard spawned == 0 else {
            for fd in [stdinPipe[1], stdoutPipe[0], stderrPipe[0]] where fd >= 0 { close(fd) }
            throw SpawnError("cannot start \(argv[0]): \(String(cString: strerror(spawned)))")
        }
        pid = child
        input = stdinPipe[1]
        output = stdoutPipe[0]
        errors = stderrPipe[0]
    }

    /// Writing to a child that has gone must be an error, not the end of the test run.
    private static let ignoreSIGPIPE: Void = { _ = Glibc.signal(SIGPIPE, SIG_IGN) }()

    deinit {
        closeInput()
        if exitStatus() == nil { signalGroup() }
        _ = wait(until: Date().addingTimeInterval(5))
    }

    /// Sends `signal` to the child alone (SIGINT as Ctrl-C would, SIGTERM to ask it to stop).
    public func signal(_ signal: Int32) { if exitStatus() == nil { _ = kill(pid, signal) } }

    /// Sends `signal` to the child and everything still in its process group.
    public func signalGroup(_ signal: Int32 = SIGKILL) { _ = kill(-pid, signal) }

    /// Writes all of `bytes` to the child's stdin (stopping early if the child stopped reading).
    public func write(_ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { Glibc.write(input, $0.baseAddress! + offset, bytes.count - offset) }
            if written <= 0 { return }
            offset += written
        }
    }

    public func closeInput() {
        lock.withLock {
            if inputOpen { close(input) }
            inputOpen = false
        }
    }

    /// Reads stdout and stderr to their ends, handing each chunk to `receive`. At `deadline` the
    /// group is killed; five seconds later the pipes are abandoned even if something outside the
    /// group still holds them, so a test fails with what it got instead of hanging.
    public func drain(until deadline: Date = .distantFuture, _ receive: (_ fromStderr: Bool, _ bytes: ArraySlice<UInt8>) -> Void) {
        var open: Set<Int32> = Set([output, errors].filter { $0 >= 0 })
        var chunk = [UInt8](repeating: 0, count: 65536)
        var killed = false
        while !open.isEmpty {
            let now = Date()
            if now > deadline && !killed { signalGroup(); killed = true }
            if now > deadline.addingTimeInterval(5) { break }
            var fds = open.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            let ready = poll(&fds, nfds_t(fds.count), 200)
            guard ready > 0 else { if ready < 0 && errno != EINTR { break }; continue }
            for fd in fds where fd.revents != 0 {
                let count = read(fd.fd, &chunk, chunk.count)
                if count <= 0 {
                    close(fd.fd)
                    open.remove(fd.fd)
                } else {
                    receive(fd.fd == errors, chunk[0..<count])
                }
            }
        }
        open.forEach { _ = close($0) }
    }

    /// Whether the child has not exited yet (reaping it if it has).
    public var isRunning: Bool { exitStatus() == nil }

    /// Waits for the child to exit, killing its group at `deadline`; returns the exit status the
    /// way a shell shows it (128 + signal when killed) and the child's resource usage.
    @discardableResult
    public func wait(until deadline: Date = .distantFuture) -> (status: Int32, usage: rusage) {
        while true {
            if let exit = exitStatus() { return exit }
            if Date() > deadline { signalGroup() }
            usleep(10_000)
        }
    }

    /// The exit status once the child has exited, reaped at most once.
    private func exitStatus() -> (status: Int32, usage: rusage)? {
        lock.withLock {
            if let exit { return exit }
            var status: Int32 = 0
            var usage = rusage()
            guard wait4(pid, &status, WNOHANG, &usage) == pid else { return nil }
            let code = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
            exit = (code, usage)
            return exit
        }
    }

    /// Runs `argv` to its end with `stdin` as its input; the group is killed after `timeout` seconds.
    public static func run(
        _ argv: [String], stdin: String = "", environment: [String: String], inherit: [Int32: Int32] = [:], timeout: Double = 60
    ) throws -> ProcessResult {
        let child = try ChildProcess(argv, environment: environment, inherit: inherit)
        let memory = PeakMemorySampler(pid: child.pid)
        let bytes = Array(stdin.utf8)
        Thread {
            child.write(bytes)
            child.closeInput()
        }.start()
        let deadline = Date().addingTimeInterval(timeout)
        var out: [UInt8] = [], err: [UInt8] = []
        child.drain(until: deadline) { fromStderr, chunk in
            if fromStderr { err.append(contentsOf: chunk) } else { out.append(contentsOf: chunk) }
        }
        let status = child.wait(until: deadline.addingTimeInterval(5)).status
        return ProcessResult(status: status, stdout: String(decoding: out, as: UTF8.self),
                             stderr: String(decoding: err, as: UTF8.self), peakRSSKiB: memory.finish())
    }
}
