import Foundation
import Glibc
import Testing
import TestSupport

/// A big fleet must not exhaust descriptors: dmux raises its soft RLIMIT_NOFILE to the hard one,
/// and the start-up pings and `reconnect` open at most `fanout` sockets at a time.
@Suite struct DescriptorBoundTests {
    private func openDescriptors(_ pid: pid_t) -> Int {
        (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd").count) ?? 0
    }

    @Test func startUpAndReconnectOpenAtMostFanoutSocketsAtATime() throws {
        // Accepts nothing and answers nothing: every ping holds its socket until the timeout.
        let listener = try Listener()
        defer { listener.close() }
        let port = listener.port
        let hosts = (1...150).flatMap { ["-H", "h\($0)=tcp://127.0.0.1:\(port)"] }
        let fanout = 10
        // A low soft limit, as many systems give: dmux must lift it to the hard limit.
        let command = ["/bin/sh", "-c", "ulimit -S -n 512; exec \"$@\"", "sh", Dmux.binary,
                       "--fanout", "\(fanout)", "--timeout", "500ms"] + hosts + ["-c", "reconnect"]
        let child = try ChildProcess(command, environment: try Dmux.environment([:]))
        child.closeInput()
        let samples = Samples()
        let sampler = Thread {
            while child.isRunning {
                let open = self.openDescriptors(child.pid)
                let dmuxRuns = (try? String(contentsOfFile: "/proc/\(child.pid)/comm", encoding: .utf8))?.hasPrefix("dmux") == true
                let limits = dmuxRuns ? try? String(contentsOfFile: "/proc/\(child.pid)/limits", encoding: .utf8) : nil
                samples.lock.withLock {
                    samples.peak = max(samples.peak, open)
                    if let limits { samples.limits = limits }  // the last one read: the limit is raised in main
                }
                usleep(5_000)
            }
        }
        sampler.start()
        var err = ""
        child.drain(until: Date().addingTimeInterval(60)) { fromStderr, bytes in
            if fromStderr { err += String(decoding: bytes, as: UTF8.self) }
        }
        let (status, _) = child.wait(until: Date().addingTimeInterval(10))
        Thread.sleep(forTimeInterval: 0.05)
        let (peak, limits) = samples.lock.withLock { (samples.peak, samples.limits) }
        #expect(status == 3, "every host timed out: \(err.suffix(500))")
        // Start-up pings and reconnect's pings may overlap: two fan-outs, plus dmux's own descriptors.
        #expect(peak <= 2 * fanout + 40, "\(peak) descriptors open at once with fanout \(fanout) and 150 hosts")
        let line = limits.split(separator: "\n").first { $0.hasPrefix("Max open files") }
        let numbers = line?.split(separator: " ").compactMap { Int($0) } ?? []
        #expect(numbers.count == 2 && numbers.first == numbers.last && numbers[0] > 512, "soft limit not raised: \(line ?? "no limits read")")
    }
}

/// What the sampling thread saw.
private final class Samples: @unchecked Sendable {
    let lock = NSLock()
    var peak = 0
    var limits = ""
}
