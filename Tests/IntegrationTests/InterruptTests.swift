import Foundation
import Glibc
import Testing
import TestSupport

/// Waits that must end: Ctrl-C during the rc file, a `!` child that ignores SIGTERM, a request
/// queued behind the one connection of an `fd://` engine (issue 12, items 4, 7 and 9).
@Suite struct InterruptTests {
    /// Starts dmux, sends SIGINT after `delay` seconds, and returns what it printed, its status and
    /// how long it took to end after the signal (the group is killed at 20 s).
    private func interrupted(_ arguments: [String], environment: [String: String] = [:], after delay: Double)
        throws -> (result: ProcessResult, afterSignal: Double) {
        let child = try ChildProcess([Dmux.binary] + arguments, environment: try Dmux.environment(environment))
        child.closeInput()
        let signalled = Date().addingTimeInterval(delay)
        Thread {
            Thread.sleep(until: signalled)
            child.signal(SIGINT)
        }.start()
        var out: [UInt8] = [], err: [UInt8] = []
        child.drain(until: Date().addingTimeInterval(20)) { fromStderr, bytes in
            if fromStderr { err += bytes } else { out += bytes }
        }
        let (status, _) = child.wait(until: Date().addingTimeInterval(5))
        let result = ProcessResult(status: status, stdout: String(decoding: out, as: UTF8.self), stderr: String(decoding: err, as: UTF8.self))
        return (result, Date().timeIntervalSince(signalled))
    }

    @Test func ctrlCInterruptsTheRCFilesCurrentCommand() throws {
        let rc = NSTemporaryDirectory() + "dmux-rc-\(UUID().uuidString)"
        try "!sleep 30\nset fanout 5\n".write(toFile: rc, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: rc) }
        let (result, took) = try interrupted(["-H", "u1=\(try Fleet.unix1)", "-c", "set fanout"], environment: ["DMUX_RC": rc], after: 1.5)
        #expect(took < 5, "dmux ended \(took) s after Ctrl-C: \(result)")
        #expect(result.status == 130, "\(result)")
        #expect(!result.stdout.contains("fanout"), "the rc file or the command went on after Ctrl-C: \(result)")
    }

    /// SIGTERM first (with SIGCONT), SIGKILL after the grace period: a child that ignores SIGTERM
    /// cannot hold the shell.
    @Test func aChildThatIgnoresSIGTERMIsKilledAfterTheGracePeriod() throws {
        let script = #"!sh -c 'trap "" TERM; sleep 30'"#
        let (result, took) = try interrupted(["-H", "u1=\(try Fleet.unix1)", "-c", script], after: 1.5)
        #expect(took < 3 + 2.5, "dmux ended \(took) s after Ctrl-C: \(result)")
        #expect(took > 2, "SIGKILL came before the grace period: \(took) s")
        #expect(result.status == 130, "\(result)")
        // Ctrl-C is the report; the signal dmux itself sent is not news.
        #expect(!result.stderr.contains("killed by signal"), "\(result)")
    }

    /// `events &` holds the only connection of an fd:// engine; `ps` under `--timeout 3s` must give
    /// up after 3 s instead of waiting for the stream to end.
    @Test func aRequestQueuedBehindAStreamOnAnInheritedDescriptorTimesOut() throws {
        let fd = try FleetClient.connectedSocket(to: Fleet.path(try Fleet.unix1))
        defer { close(fd) }
        let child = try ChildProcess([Dmux.binary, "--timeout", "3s", "-H", "f=fd://5", "-c", "events &\nps"],
                                     environment: try Dmux.environment([:]), inherit: [5: fd])
        child.closeInput()
        let started = Date()
        var err = ""
        var gaveUpAfter: Double?
        child.drain(until: started.addingTimeInterval(20)) { fromStderr, bytes in
            guard fromStderr else { return }
            err += String(decoding: bytes, as: UTF8.self)
            if gaveUpAfter == nil, err.contains("f: timed out after 3 s") {
                gaveUpAfter = Date().timeIntervalSince(started)
                child.signalGroup()
            }
        }
        child.wait(until: Date().addingTimeInterval(5))
        let waited = try #require(gaveUpAfter, "ps never timed out; stderr: \(err)")
        #expect(waited > 2.5 && waited < 6, "ps gave up after \(waited) s")
    }
}
