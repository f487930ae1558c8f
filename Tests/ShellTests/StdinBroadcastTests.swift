import Foundation
import Glibc
import NIOConcurrencyHelpers
import Testing

@testable import Shell

/// `exec -i` on several hosts: stdin goes to every host, and a host that takes it slowly holds
/// the reading of stdin back instead of having all of it buffered in dmux.
@Suite struct StdinBroadcastTests {
    /// Writes to a non-blocking pipe until it is full; returns how many bytes the pipe took.
    private func fill(_ fd: Int32, within seconds: Double) -> Int {
        var total = 0
        let chunk = [UInt8](repeating: 0x61, count: 64 * 1024)
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            let written = write(fd, chunk, chunk.count)
            if written > 0 { total += written; continue }
            usleep(20_000)
        }
        return total
    }

    @Test func aHostThatDoesNotReadThrottlesTheReadingOfStdin() async throws {
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        defer { close(ends[0]); close(ends[1]) }
        _ = fcntl(ends[1], F_SETFL, fcntl(ends[1], F_GETFL) | O_NONBLOCK)
        let broadcast = StdinBroadcast(hosts: 2, perHost: 256 * 1024, fd: ends[0])
        defer { broadcast.stop() }
        let fast = broadcast.subscribe()
        let slow = broadcast.subscribe()
        // The slow host asks once (it has started), takes one chunk, and then reads no more.
        let taken = NIOLockedValueBox(0)
        let slowHost = Task {
            var iterator = slow.makeAsyncIterator()
            let first = await iterator.next()
            taken.withLockedValue { $0 = first?.count ?? 0 }
            try? await Task.sleep(for: .seconds(30))
            _ = iterator
        }
        let reading = Task {
            var count = 0
            for await chunk in fast { count += chunk.count }
            return count
        }
        // The slow host has started (taken a first chunk) before the rest comes.
        #expect(write(ends[1], [UInt8](repeating: 0x62, count: 10), 10) == 10)
        for _ in 0..<100 where taken.withLockedValue({ $0 }) == 0 { try await Task.sleep(for: .milliseconds(20)) }
        #expect(taken.withLockedValue { $0 } == 10)
        let writeEnd = ends[1]
        let accepted = await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: self.fill(writeEnd, within: 1.5)) }.start()
        }
        // The pipe (64 KiB), the slow host's queue (256 KiB) and a chunk or two in hand: not all of it.
        #expect(accepted < 1024 * 1024, "stdin was read without bound: \(accepted) bytes taken")
        broadcast.stop()
        reading.cancel()
        slowHost.cancel()
        _ = await reading.value
    }

    @Test func everyHostGetsAllOfStdinThenItsEnd() async throws {
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        defer { close(ends[0]) }
        let broadcast = StdinBroadcast(hosts: 3, perHost: 64 * 1024, fd: ends[0])
        defer { broadcast.stop() }
        let streams = (0..<3).map { _ in broadcast.subscribe() }
        let bytes = (0..<(1024 * 1024)).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        let writeEnd = ends[1]
        let writer = Thread {
            var offset = 0
            while offset < bytes.count {
                let written = bytes[offset...].withUnsafeBytes { write(writeEnd, $0.baseAddress, $0.count) }
                if written <= 0 { break }
                offset += written
            }
            close(writeEnd)
        }
        writer.start()
        let received = await withTaskGroup(of: [UInt8].self) { group in
            for stream in streams {
                group.addTask {
                    var all: [UInt8] = []
                    for await chunk in stream { all += chunk }
                    return all
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(received.count == 3)
        #expect(received.allSatisfy { $0 == bytes })
    }
}
