internal import CPosix
import Endpoints
import NIOConcurrencyHelpers

/// The descriptors an `fd://N` engine may name: only those the parent handed over (open before any
/// Swift code ran), each adopted by one host at most, never 0, 1 or 2.
///
/// Without this, `fd://13` could name one of dmux's own descriptors (an engine socket, NIO's epoll
/// or eventfd): NIO then traps registering it twice, or the new host rides another engine's
/// connection. Adopting the same number twice gives two channels over one socket, which NIO also
/// traps on. An adopted number stays taken after its host is gone: NIO closed it, and dmux may
/// have reused the number for a socket of its own.
public final class InheritedDescriptors: Sendable {
    public static let shared = InheritedDescriptors(inherited: {
        var pointer: UnsafePointer<Int32>?
        let count = Int(dmux_inherited_descriptors(&pointer))
        guard let pointer else { return [] }
        return Set(UnsafeBufferPointer(start: pointer, count: count))
    }())

    private let inherited: Set<Int32>
    private let adopted = NIOLockedValueBox<[Int32: String]>([:])

    init(inherited: Set<Int32>) {
        self.inherited = inherited
    }

    /// Reserves `fd` for the host `name`, or says in one line why it cannot be used.
    func adopt(_ fd: Int32, for name: String) throws(ShellUsageError) {
        let refusal: String? = adopted.withLockedValue { adopted in
            if fd <= 2 {
                return "it is dmux's own standard input, output or error"
            }
            if let holder = adopted[fd] {
                return "already adopted by host '\(holder)' (an inherited descriptor serves one host, once)"
            }
            guard inherited.contains(fd) else {
                return "not inherited by dmux (only a descriptor open when dmux started can be adopted)"
            }
            adopted[fd] = name
            return nil
        }
        if let refusal { throw ShellUsageError("\(name): cannot use fd://\(fd): \(refusal)") }
    }
}
