/// dmux's exit status, for one command, `-c`, and a whole batch (the worst one wins).
///
/// A struct, not an enum: a command on one targeted host ends with the status docker would
/// (`run` and `exec` pass on the container's own exit code, as docker does), which may be any byte.
public struct ExitStatus: RawRepresentable, Sendable, Hashable, Comparable {
    public let rawValue: Int32

    public init(rawValue: Int32) {
        self.rawValue = rawValue
    }

    /// Every targeted host succeeded.
    public static let success = ExitStatus(rawValue: 0)
    /// The command failed on at least one host.
    public static let failed = ExitStatus(rawValue: 1)
    /// Bad syntax, an unknown command, flag, host or group: nothing was sent.
    public static let usage = ExitStatus(rawValue: 2)
    /// No targeted host could be reached.
    public static let unreachable = ExitStatus(rawValue: 3)
    /// Interrupted (SIGINT) in batch mode, as shells report it.
    public static let interrupted = ExitStatus(rawValue: 130)

    public static func < (lhs: ExitStatus, rhs: ExitStatus) -> Bool { lhs.rawValue < rhs.rawValue }
}
