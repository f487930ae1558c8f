/// Ctrl-C while a command runs: an `AsyncStream` of SIGINT deliveries the shell listens to in
/// order to cancel the running command.
///
/// Ctrl-C at a prompt is *not* delivered here: the `EditLineSource` that is reading takes it
/// and returns `.interrupt`. So a subscription made when a command starts sees only the
/// Ctrl-Cs meant for that command. See `SigintRouter` for the design (sigaction + self-pipe +
/// router thread, independent of which thread the kernel picks).
public final class InterruptMonitor: Sendable {
    public static let shared = InterruptMonitor()

    private init() {}

    /// Installs the SIGINT handler now (idempotent). From then on SIGINT no longer kills the
    /// process; it is delivered to the prompt or to subscribers, or dropped when there is neither.
    public func install() {
        SigintRouter.shared.activate()
    }

    /// A new subscription: yields once per SIGINT received while no prompt is reading. Keeps at
    /// most one undelivered interrupt. Ends when the consuming task is cancelled.
    public func interrupts() -> AsyncStream<Void> {
        SigintRouter.shared.subscribe()
    }
}
