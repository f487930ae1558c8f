import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A child's own peak resident memory, sampled from `/proc/PID/status` (`VmHWM`) while it runs.
///
/// `wait4`'s `ru_maxrss` cannot say it: Linux carries the old address space's high-water mark
/// across `execve` (fs/exec.c `exec_mmap` → `setmax_mm_hiwater_rss`), and a `posix_spawn`ed child's
/// old address space is the test runner's own, so every child "peaked" at the runner's size
/// (842 MB under AddressSanitizer once the suite had grown). `VmHWM` belongs to the new address
/// space only. A peak in the last sampling interval before exit can be missed.
final class PeakMemorySampler: @unchecked Sendable {
    // @unchecked: `peak` and `finished` are guarded by `lock`.
    private let lock = NSLock()
    private var peak = 0
    private var finished = false

    init(pid: pid_t, every interval: useconds_t = 2_000) {
        Thread { [self] in
            while !lock.withLock({ finished }) {
                // A zombie has no VmHWM line: nothing is recorded once the child has exited.
                if let kib = Self.highWaterMarkKiB(of: pid) { lock.withLock { peak = max(peak, kib) } }
                usleep(interval)
            }
        }.start()
    }

    /// Stops sampling and gives the peak; called as soon as the child is reaped.
    func finish() -> Int {
        lock.withLock {
            finished = true
            return peak
        }
    }

    static func highWaterMarkKiB(of pid: pid_t) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) else { return nil }
        return Int(line.split(separator: " ").dropFirst().first ?? "")
    }
}
