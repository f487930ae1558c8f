/// dmux's exit status, for one command, `-c`, and a whole batch (the worst one wins).
public enum ExitStatus: Int32, Sendable, Comparable {
    /// Every targeted host succeeded.
    case success = 0
    /// The command failed on at least one host.
    case failed = 1
    /// Bad syntax, an unknown command, flag, host or group: nothing was sent.
    case usage = 2
    /// No targeted host could be reached.
    case unreachable = 3
    /// Interrupted (SIGINT) in batch mode, as shells report it.
    case interrupted = 130

    public static func < (lhs: ExitStatus, rhs: ExitStatus) -> Bool { lhs.rawValue < rhs.rawValue }
}
