internal import CPosix
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// dmux's controlling terminal, lent to one passthrough child at a time as the foreground job
/// (`tcsetpgrp`, as a shell does for `fg`) and taken back with its modes restored, so a child
/// killed halfway through a password prompt cannot leave echo off.
final class TerminalLender: @unchecked Sendable {
    // @unchecked: `owner` and `saved` are guarded by `condition`; `fd` and `group` never change.
    private let fd: Int32
    private let group: pid_t
    private let condition = NSCondition()
    private var owner: pid_t?
    private var saved = termios()

    /// The terminal, when dmux has one and is its foreground job; nil otherwise (a pipe, `&` in a
    /// shell, a daemon). Opened once: `/dev/tty` stays valid for the life of the session.
    static var current: TerminalLender? {
        guard let lender = opened, tcgetpgrp(lender.fd) == lender.group else { return nil }
        return lender
    }

    private static let opened: TerminalLender? = {
        let fd = open("/dev/tty", O_RDWR | O_CLOEXEC | O_NOCTTY)
        return fd < 0 ? nil : TerminalLender(fd: fd)
    }()

    private init(fd: Int32) {
        self.fd = fd
        self.group = getpgrp()
    }

    /// Waits until no other child holds the terminal, then makes `child`'s group the foreground
    /// one. False when `cancelled` became true while waiting.
    func lend(to child: pid_t, cancelled: () -> Bool) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while owner != nil && !cancelled() { condition.wait() }
        if cancelled() { return false }
        _ = tcgetattr(fd, &saved)
        guard dmux_tcsetpgrp_quietly(fd, child) == 0 else { return false }
        owner = child
        return true
    }

    /// Makes dmux's group the foreground again, with the modes the terminal had before it was lent.
    func takeBack(from child: pid_t) {
        condition.lock()
        defer { condition.unlock() }
        guard owner == child else { return }
        _ = dmux_tcsetpgrp_quietly(fd, group)
        _ = dmux_tcsetattr_quietly(fd, &saved)
        owner = nil
        condition.broadcast()
    }

    /// Wakes the children waiting in `lend`, so that a cancelled one stops waiting.
    func wakeWaiters() {
        condition.lock()
        condition.broadcast()
        condition.unlock()
    }
}
