#if canImport(Glibc)
import Glibc
#endif

/// What dmux does with one passthrough child as it stops, ends or is cancelled: the job control
/// of a shell, as a pure state machine (the `ChildSupervisor` performs the actions).
///
/// A child runs in a process group of its own, in the background. When it touches the terminal
/// (a `read`, ssh or sudo asking for a password) the kernel stops it with SIGTTIN or SIGTTOU; dmux
/// then lends it the terminal as the foreground job and continues it, like `fg` in a shell, and
/// takes the terminal back when it ends. A child stopped for any other reason (Ctrl-Z) would stay
/// stopped for good, since dmux has no job control: it is ended. Ending is SIGTERM with SIGCONT (a
/// stopped process never sees a pending SIGTERM), then SIGKILL when the grace period runs out.
struct PassthroughJob: Sendable, Equatable {
    enum Event: Sendable, Equatable {
        /// The child stopped with this signal.
        case stopped(signal: Int32)
        /// The terminal is the child's now (after `.lendTerminal`).
        case terminalLent
        /// The terminal could not be lent (the command was cancelled while waiting for it).
        case terminalRefused
        /// The command was cancelled (Ctrl-C).
        case cancelled
        case graceExpired
        /// The child was reaped.
        case ended
    }

    enum Action: Sendable, Equatable {
        /// Wait for the terminal, make the child's group its foreground group.
        case lendTerminal
        /// SIGCONT to the group.
        case resume
        /// Make dmux's group the foreground again and restore the terminal's modes.
        case takeTerminalBack
        /// SIGTERM and SIGCONT to the group, and start the grace timer.
        case terminate
        /// SIGKILL to the group.
        case kill
    }

    /// Whether there is a terminal to lend at all (dmux in the foreground of one).
    let canLend: Bool
    private(set) var holdsTerminal = false
    private(set) var terminating = false
    private(set) var ended = false

    init(canLend: Bool) {
        self.canLend = canLend
    }

    mutating func handle(_ event: Event) -> [Action] {
        switch event {
        case .stopped(let signal):
            if ended { return [] }
            // A child that stops again while being ended would sit stopped until the grace period: end it now.
            if terminating { return [.kill] }
            if (signal == SIGTTIN || signal == SIGTTOU) && canLend && !holdsTerminal { return [.lendTerminal] }
            terminating = true
            return takeBack() + [.terminate]
        case .terminalLent:
            holdsTerminal = true
            return terminating ? [.terminate] : [.resume]
        case .terminalRefused:
            if terminating { return [.kill] }
            terminating = true
            return [.terminate]
        case .cancelled:
            if ended || terminating { return [] }
            terminating = true
            return [.terminate]
        case .graceExpired:
            return ended ? [] : [.kill]
        case .ended:
            ended = true
            return takeBack()
        }
    }

    private mutating func takeBack() -> [Action] {
        guard holdsTerminal else { return [] }
        holdsTerminal = false
        return [.takeTerminalBack]
    }
}
