import Testing
@testable import Shell

/// The reorder window of `events`: stepped by hand, with a clock that only moves when told to.
@Suite struct EventMergerTests {
    typealias Merger = EventMerger<String>

    static func names(_ items: [Merger.Item]) -> [String] { items.map(\.payload) }

    @Test func holdsAnEventUntilEveryStreamingHostIsPastIt() {
        var merger = Merger(hosts: ["a", "b"])
        #expect(Self.names(merger.add(host: "a", timeNano: 10, payload: "a10", now: .zero)).isEmpty)
        // b at 5: nothing from a can come before 10, nothing from b before 5.
        #expect(Self.names(merger.add(host: "b", timeNano: 5, payload: "b5", now: .milliseconds(10))) == ["b5"])
        #expect(merger.heldCount == 1)
        #expect(Self.names(merger.add(host: "b", timeNano: 20, payload: "b20", now: .milliseconds(20))) == ["a10"])
        #expect(Self.names(merger.add(host: "a", timeNano: 30, payload: "a30", now: .milliseconds(30))) == ["b20"])
        #expect(Self.names(merger.drain()) == ["a30"])
    }

    @Test func releasesByTheWindowWhenAHostIsQuiet() {
        var merger = Merger(hosts: ["a", "b"], window: .milliseconds(250))
        _ = merger.add(host: "a", timeNano: 10, payload: "a10", now: .milliseconds(100))
        #expect(merger.nextDeadline == .milliseconds(350))
        #expect(merger.release(now: .milliseconds(349)).isEmpty)
        #expect(Self.names(merger.release(now: .milliseconds(350))) == ["a10"])
        #expect(merger.nextDeadline == nil)
    }

    @Test func windowReleaseKeepsTimeOrder() {
        var merger = Merger(hosts: ["a", "b", "c"], window: .milliseconds(250))
        _ = merger.add(host: "a", timeNano: 30, payload: "a30", now: .zero)
        _ = merger.add(host: "b", timeNano: 20, payload: "b20", now: .milliseconds(100))
        // a30's window ends first, but b20 is earlier: both leave, in time order.
        #expect(Self.names(merger.release(now: .milliseconds(250))) == ["b20", "a30"])
    }

    @Test func aLateEventIsWrittenNotDropped() {
        var merger = Merger(hosts: ["a", "b"], window: .milliseconds(250))
        _ = merger.add(host: "a", timeNano: 100, payload: "a100", now: .zero)
        #expect(Self.names(merger.release(now: .milliseconds(300))) == ["a100"])
        // b lagged past the window: its older event still comes out, at once.
        #expect(Self.names(merger.add(host: "b", timeNano: 50, payload: "b50", now: .milliseconds(400))) == ["b50"])
        #expect(merger.heldCount == 0)
    }

    @Test func aHostThatEndsNoLongerHoldsTheOthersBack() {
        var merger = Merger(hosts: ["a", "b", "c"])
        _ = merger.add(host: "a", timeNano: 10, payload: "a10", now: .zero)
        _ = merger.add(host: "b", timeNano: 12, payload: "b12", now: .zero)
        #expect(merger.end(host: "c", now: .milliseconds(1)).map(\.payload) == ["a10"])
        #expect(Self.names(merger.end(host: "a", now: .milliseconds(2))) == ["b12"])
        #expect(!merger.isFinished)
        #expect(merger.end(host: "b", now: .milliseconds(3)).isEmpty)
        #expect(merger.isFinished)
    }

    @Test func equalTimesFollowHostOrderThenArrival() {
        var merger = Merger(hosts: ["a", "b"])
        #expect(merger.add(host: "b", timeNano: 7, payload: "b7-1", now: .zero).isEmpty)
        #expect(merger.add(host: "b", timeNano: 7, payload: "b7-2", now: .zero).isEmpty)
        #expect(Self.names(merger.add(host: "a", timeNano: 7, payload: "a7", now: .zero)) == ["a7", "b7-1", "b7-2"])
    }

    @Test func manyInterleavedStreamsComeOutSorted() {
        // Three hosts, each in its own order, arriving interleaved with jitter: the merged
        // stream must be sorted once every host has ended.
        var merger = Merger(hosts: ["a", "b", "c"], window: .seconds(10))
        var written: [Merger.Item] = []
        var clock = Duration.zero
        for step in 0..<30 {
            let host = ["a", "b", "c"][step % 3]
            let time = Int64(step * 10 + (step % 3) * 7)
            clock += .milliseconds(1)
            written += merger.add(host: host, timeNano: time, payload: "\(host)\(time)", now: clock)
        }
        for host in ["a", "b", "c"] { written += merger.end(host: host, now: clock) }
        #expect(written.count == 30)
        #expect(written.map(\.timeNano) == written.map(\.timeNano).sorted())
    }
}
