import Glibc
import Testing

@testable import Shell

/// The job control of `!PROGRAM`, without processes: what dmux does as its child stops, ends or
/// is cancelled.
@Suite struct PassthroughJobTests {
    @Test func aChildThatTouchesTheTerminalGetsItAndGivesItBackWhenItEnds() {
        var job = PassthroughJob(canLend: true)
        #expect(job.handle(.stopped(signal: SIGTTIN)) == [.lendTerminal])
        #expect(job.handle(.terminalLent) == [.resume])
        #expect(job.holdsTerminal)
        #expect(job.handle(.ended) == [.takeTerminalBack])
        #expect(!job.holdsTerminal)
        #expect(job.handle(.graceExpired) == [])
    }

    @Test func withoutATerminalAChildThatWantsOneIsEnded() {
        var job = PassthroughJob(canLend: false)
        #expect(job.handle(.stopped(signal: SIGTTOU)) == [.terminate])
        #expect(job.handle(.graceExpired) == [.kill])
    }

    @Test func ctrlZTakesTheTerminalBackAndEndsTheChild() {
        var job = PassthroughJob(canLend: true)
        _ = job.handle(.stopped(signal: SIGTTIN))
        _ = job.handle(.terminalLent)
        #expect(job.handle(.stopped(signal: SIGTSTP)) == [.takeTerminalBack, .terminate])
        // Stopping again while being ended (it read the terminal it lost): no more waiting.
        #expect(job.handle(.stopped(signal: SIGTTIN)) == [.kill])
    }

    @Test func cancellingTerminatesOnceThenKillsAfterTheGracePeriod() {
        var job = PassthroughJob(canLend: true)
        #expect(job.handle(.cancelled) == [.terminate])
        #expect(job.handle(.cancelled) == [])
        #expect(job.handle(.graceExpired) == [.kill])
        #expect(job.handle(.ended) == [])
    }

    @Test func cancelledWhileWaitingForTheTerminal() {
        var job = PassthroughJob(canLend: true)
        #expect(job.handle(.stopped(signal: SIGTTIN)) == [.lendTerminal])
        #expect(job.handle(.cancelled) == [.terminate])
        #expect(job.handle(.terminalRefused) == [.kill])
    }

    @Test func aChildThatEndedIsLeftAlone() {
        var job = PassthroughJob(canLend: true)
        #expect(job.handle(.ended) == [])
        #expect(job.handle(.cancelled) == [])
        #expect(job.handle(.stopped(signal: SIGTTIN)) == [])
    }
}
