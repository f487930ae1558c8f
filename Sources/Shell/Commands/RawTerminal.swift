#if canImport(Glibc)
import Glibc
#endif

/// The user's terminal in raw mode for `exec -it`, as docker's `term.MakeRaw` sets it (no echo,
/// no line editing, no signals from ctrl-c: every key goes to the process); `restore()` puts
/// back exactly what was there. Used by one session at a time, hence `@unchecked Sendable`.
final class RawTerminal: @unchecked Sendable {
    private let fd: Int32
    private var saved = termios()
    private var active = false

    /// Fails (nil) when `fd` is not a terminal.
    init?(fd: Int32 = 0) {
        self.fd = fd
        guard isatty(fd) == 1, tcgetattr(fd, &saved) == 0 else { return nil }
    }

    deinit { restore() }

    func makeRaw() {
        var raw = saved
        cfmakeraw(&raw)  // also VMIN 1, VTIME 0: one byte at a time
        if tcsetattr(fd, TCSADRAIN, &raw) == 0 { active = true }
    }

    func restore() {
        guard active else { return }
        var original = saved
        _ = tcsetattr(fd, TCSADRAIN, &original)
        active = false
    }

    /// Rows and columns of the terminal on `fd`, nil when it has none.
    static func size(of fd: Int32 = 1) -> (height: Int, width: Int)? {
        var size = winsize()
        guard ioctl(fd, UInt(TIOCGWINSZ), &size) == 0, size.ws_row > 0, size.ws_col > 0 else { return nil }
        return (Int(size.ws_row), Int(size.ws_col))
    }
}
