import Foundation
import Glibc
import Testing
import TestSupport

/// stdout made non-blocking by someone else (the open file description is shared): dmux waits for
/// the reader instead of spinning on EAGAIN with its output lock held.
@Suite struct ConsoleBackpressureTests {
    @Test func aNonBlockingStdoutIsWaitedForNotSpunOn() throws {
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        defer { close(ends[0]) }
        _ = fcntl(ends[1], F_SETFL, fcntl(ends[1], F_GETFL) | O_NONBLOCK)
        let quiet = open("/dev/null", O_WRONLY)
        defer { close(quiet) }
        let lines = Array(repeating: "help", count: 200).joined(separator: "; ")
        let child = try ChildProcess([Dmux.binary, "-c", lines], environment: try Dmux.environment([:]),
                                     inherit: [1: ends[1], 2: quiet])
        close(ends[1])
        child.closeInput()
        // The reader sleeps: dmux finds the pipe full and must wait, not spin.
        Thread.sleep(forTimeInterval: 3)
        var total = 0
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = read(ends[0], &chunk, chunk.count)
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { break }
            total += count
        }
        let (status, usage) = child.wait(until: Date().addingTimeInterval(20))
        let cpu = Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
            + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
        #expect(status == 0)
        #expect(total > 200 * 1000, "all of the output arrived (\(total) bytes)")
        // Spinning costs a whole core (about 1.5 s of the 3 s on a busy 2-core machine); waiting, a start-up's worth.
        #expect(cpu < 0.6, "dmux used \(cpu) s of CPU while its stdout was full for 3 s")
    }
}
