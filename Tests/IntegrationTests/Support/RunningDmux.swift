import Foundation
import Glibc
import TestSupport

/// One dmux that lives through a test, fed lines on its stdin one at a time (or running a `-c`
/// script). Every line it prints is kept with the moment it arrived, so a test can say "after the
/// kill, this host's lines kept coming" or "the dead host was reported within N s".
final class RunningDmux: @unchecked Sendable {
    struct Line {
        let text: String
        let stderr: Bool
        let at: Date
    }

    private let child: ChildProcess
    private let lock = NSLock()
    private var received: [Line] = []
    private var partial: [Bool: [UInt8]] = [:]
    private var ended = false

    /// Starts `dmux ARGS` with its stdin on a pipe (batch mode: not a terminal).
    init(_ arguments: [String], environment: [String: String] = [:]) throws {
        child = try ChildProcess([Dmux.binary] + arguments, environment: try Dmux.environment(environment))
        Thread { [self] in
            child.drain { fromStderr, bytes in append(bytes, stderr: fromStderr) }
            lock.withLock { ended = true }
        }.start()
    }

    /// Sends one line to dmux's stdin.
    func send(_ line: String) { child.write(Array((line + "\n").utf8)) }

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
        child.closeInput()
        let status = child.wait(until: Date().addingTimeInterval(seconds)).status
        awaitEndOfOutput()
        return status
    }

    /// Ends a dmux that would run on (a stream nobody ends): SIGTERM, and SIGKILL if it is still
    /// there ten seconds later.
    func terminate() {
        child.closeInput()
        child.signal(SIGTERM)
        child.wait(until: Date().addingTimeInterval(10))
        awaitEndOfOutput()
    }

    /// Ctrl-C as a terminal sends it (SIGINT), then waits up to `seconds` for dmux to exit
    /// (killing it after that); returns its status and how long it took to stop.
    func interrupt(within seconds: Double) -> (status: Int32, took: Double) {
        let sent = Date()
        child.signal(SIGINT)
        let status = child.wait(until: sent.addingTimeInterval(seconds)).status
        awaitEndOfOutput()
        return (status, Date().timeIntervalSince(sent))
    }

    var isRunning: Bool { child.isRunning }

    /// The reader sees both pipes end once the whole group is gone; five seconds at most.
    private func awaitEndOfOutput() {
        let deadline = Date().addingTimeInterval(5)
        while !lock.withLock({ ended }) && Date() < deadline { usleep(10_000) }
    }

    /// What dmux printed, for a failing expectation: repetitive lines (`tick N`) only at the end.
    var transcript: String {
        let all = lines
        let rare = all.enumerated().filter { index, line in !line.text.contains(" | tick ") || index >= all.count - 5 }
        return rare.map { ($0.element.stderr ? "E " : "O ") + $0.element.text.prefix(300) }.suffix(80).joined(separator: "\n")
    }

    private func append(_ bytes: ArraySlice<UInt8>, stderr: Bool) {
        let now = Date()
        lock.withLock {
            var pending = partial[stderr, default: []] + bytes
            while let newline = pending.firstIndex(of: 10) {
                received.append(Line(text: String(decoding: pending[..<newline], as: UTF8.self), stderr: stderr, at: now))
                pending.removeSubrange(...newline)
            }
            partial[stderr] = pending
        }
    }
}
