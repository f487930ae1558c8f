import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

/// A per-host timeout that costs one timer on an event loop: when time is up it cancels the task
/// that set it. A sleeping second task in a task group per host and line (what `withDeadline`
/// does) cost a task creation, a dispatch timer and a cancellation round trip each time.
///
/// The task is reached through `UnsafeCurrentTask`, which must not outlive the task. The timer
/// touches it only under the lock while the alarm is armed, and the task disarms the alarm under
/// the same lock before it goes on, so the task is alive whenever the timer can reach it.
final class DeadlineAlarm: @unchecked Sendable {
    private let lock = NIOLock()
    private var task: UnsafeCurrentTask?
    private var rang = false

    private init() {}

    /// Runs `operation` in the calling task, cancelling that task if it outlives `limit`; throws
    /// `DeadlineExceeded` when it did. Only for a task that ends with the operation (a fan-out's
    /// host task): the cancellation stays with the task.
    static func run<Value>(within limit: Duration, _ operation: () async throws -> Value) async throws -> Value {
        let alarm = DeadlineAlarm()
        withUnsafeCurrentTask { task in alarm.lock.withLock { alarm.task = task } }
        let (seconds, attoseconds) = limit.components
        let timer = MultiThreadedEventLoopGroup.singleton.any()
            .scheduleTask(in: .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)) { alarm.ring() }
        let outcome: Result<Value, Error>
        do {
            outcome = .success(try await operation())
        } catch {
            outcome = .failure(error)
        }
        timer.cancel()
        if alarm.disarm() { throw DeadlineExceeded() }
        return try outcome.get()
    }

    private func ring() {
        lock.withLock {
            guard let task else { return }
            rang = true
            task.cancel()
        }
    }

    /// Whether the alarm rang; after this it never touches the task again.
    private func disarm() -> Bool {
        lock.withLock {
            task = nil
            return rang
        }
    }
}
