import CPosix
import Foundation
import Glibc

/// One dmux in batch mode that lives through a test: lines go to its stdin one at a time while
/// it runs, and every line it prints is kept with the moment it arrived, so a test can say
/// "after the kill, this host's lines kept coming" or "the dead host was reported within N s".
final class FaultShell: @unchecked Sendable {
    struct Line {
        let text: String
        let stderr: Bool
        let at: Date
    }

    let pid: pid_t
    private let input: Int32
    private let lock = NSLock()
    private var received: [Line] = []
    private var partial: [Int32: [UInt8]] = [:]
    private var ended = false
    private var reader: Thread?

    /// Starts `dmux ARGS` reading lines from a pipe (batch mode: not a terminal).
    init(_ arguments: [String], environment: [String: String] = [:]) throws {
        var stdinPipe: [Int32] = [0, 0], stdoutPipe: [Int32] = [0, 0], stderrPipe: [Int32] = [0, 0]
        guard pipe(&stdinPipe) == 0, pipe(&stdoutPipe) == 0, pipe(&stderrPipe) == 0 else { throw SpawnError("pipe failed") }
        for fd in stdinPipe + stdoutPipe + stderrPipe { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, stdinPipe[0], 0)
        posix_spawn_file_actions_adddup2(&actions, stdoutPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, stderrPipe[1], 2)
        dmux_spawn_closefrom(&actions, 3)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var signals = sigset_t()
        sigfillset(&signals)
        posix_spawnattr_setsigdefault(&attributes, &signals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF))
        var base = ["PATH": "/usr/bin:/bin", "HOME": try Dmux.temporaryHome(), "DMUX_RC": "/dev/null", "LANG": "C.UTF-8"]
        base.merge(environment) { $1 }
        let argv = [Dmux.binary] + arguments
        let cArguments = argv.map { strdup($0) } + [nil]
        let cEnvironment = base.map { strdup("\($0)=\($1)") } + [nil]
        defer { (cArguments + cEnvironment).forEach { free($0) } }
        var child: pid_t = 0
        let spawned = posix_spawn(&child, argv[0], &actions, &attributes, cArguments, cEnvironment)
        close(stdinPipe[0]); close(stdoutPipe[1]); close(stderrPipe[1])
        guard spawned == 0 else { throw SpawnError("cannot start dmux: \(String(cString: strerror(spawned)))") }
        pid = child
        input = stdinPipe[1]
        let (out, err) = (stdoutPipe[0], stderrPipe[0])
        let thread = Thread { [self] in readLines(out: out, err: err) }
        reader = thread
        thread.start()
    }

    /// Sends one line to dmux's stdin.
    func send(_ line: String) {
        let bytes = Array((line + "\n").utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { write(input, $0.baseAddress! + offset, bytes.count - offset) }
            if written <= 0 { return }
            offset += written
        }
    }

    var lines: [Line] { lock.withLock { received } }
    func stdout(since: Date = .distantPast) -> [String] { lines.filter { !$0.stderr && $0.at >= since }.map(\.text) }
    func stderr(since: Date = .distantPast) -> [String] { lines.filter { $0.stderr && $0.at >= since }.map(\.text) }

    /// The first line (after `since`) that `matches`, waiting up to `seconds` for it.
    @discardableResult
    func waitForLine(within seconds: Double, since: Date = .distantPast, _ matches: (Line) -> Bool) -> Line? {
        let deadline = Date().addingTimeInterval(seconds)
        repeat {
            if let line = lines.first(where: { $0.at >= since && matches($0) }) { return line }
            usleep(20_000)
        } while Date() < deadline
        return nil
    }

    /// Waits up to `seconds` until `condition` holds for what dmux printed so far.
    func waitUntil(within seconds: Double, _ condition: ([Line]) -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        repeat {
            if condition(lines) { return true }
            usleep(20_000)
        } while Date() < deadline
        return false
    }

    /// Ends stdin and waits for dmux to exit (killing it after `seconds`); returns its status.
    func finish(within seconds: Double) -> Int32 {
        close(input)
        let deadline = Date().addingTimeInterval(seconds)
        var status: Int32 = 0
        while waitpid(pid, &status, WNOHANG) == 0 {
            if Date() > deadline {
                kill(pid, SIGKILL)
                waitpid(pid, &status, 0)
                break
            }
            usleep(20_000)
        }
        while !lock.withLock({ ended }) { usleep(10_000) }
        return (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    }

    /// Ends a dmux that would run on (a stream nobody ends): SIGTERM to its pid, then reaps it.
    func terminate() {
        close(input)
        kill(pid, SIGTERM)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        while !lock.withLock({ ended }) { usleep(10_000) }
    }

    /// What dmux printed, for a failing expectation: repetitive lines (`tick N`) only at the end.
    var transcript: String {
        let all = lines
        let rare = all.enumerated().filter { index, line in !line.text.contains(" | tick ") || index >= all.count - 5 }
        return rare.map { ($0.element.stderr ? "E " : "O ") + $0.element.text.prefix(300) }.suffix(80).joined(separator: "\n")
    }

    private func readLines(out: Int32, err: Int32) {
        var open: Set<Int32> = [out, err]
        var chunk = [UInt8](repeating: 0, count: 65536)
        while !open.isEmpty {
            var fds = open.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            guard poll(&fds, nfds_t(fds.count), 200) > 0 else { continue }
            for fd in fds where fd.revents != 0 {
                let count = read(fd.fd, &chunk, chunk.count)
                if count <= 0 {
                    close(fd.fd)
                    open.remove(fd.fd)
                    continue
                }
                append(chunk[0..<count], from: fd.fd, stderr: fd.fd == err)
            }
        }
        lock.withLock { ended = true }
    }

    private func append(_ bytes: ArraySlice<UInt8>, from fd: Int32, stderr: Bool) {
        let now = Date()
        lock.withLock {
            var pending = partial[fd, default: []] + bytes
            while let newline = pending.firstIndex(of: 10) {
                received.append(Line(text: String(decoding: pending[..<newline], as: UTF8.self), stderr: stderr, at: now))
                pending.removeSubrange(...newline)
            }
            partial[fd] = pending
        }
    }
}
