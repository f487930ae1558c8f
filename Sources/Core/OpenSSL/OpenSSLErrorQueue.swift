internal import COpenSSL

/// OpenSSL's thread-local error queue, read into Swift values right where a call failed: the
/// one reader for TLS connections and for the certificates Machines makes.
///
/// Every OpenSSL call is preceded by `clear()` so that a stale entry from an earlier call (or
/// another connection on the same event loop thread) is never blamed on this one.
public enum OpenSSLErrorQueue {
    public struct Entry: Sendable, Equatable {
        public var library: Int32
        public var reason: Int32
        /// OpenSSL's reason text, e.g. `wrong version number`.
        public var reasonText: String

        public init(library: Int32, reason: Int32, reasonText: String) {
            self.library = library
            self.reason = reason
            self.reasonText = reasonText
        }
    }

    public static func clear() { ERR_clear_error() }

    /// Empties the queue, oldest entry first.
    public static func drain() -> [Entry] {
        var entries: [Entry] = []
        while true {
            let code = ERR_get_error()
            if code == 0 { break }
            let reasonText = ERR_reason_error_string(code).map { String(cString: $0) } ?? "error \(code)"
            entries.append(Entry(library: ERR_GET_LIB(code), reason: ERR_GET_REASON(code), reasonText: reasonText))
        }
        return entries
    }

    /// The reasons of every queued entry joined, or nil when the queue was empty.
    public static func drainSummary() -> String? {
        summary(drain())
    }

    /// The distinct reasons of `entries`, oldest first: OpenSSL often queues one reason twice
    /// as it unwinds.
    public static func reasons(_ entries: [Entry]) -> [String] {
        var seen: [String] = []
        for entry in entries where !seen.contains(entry.reasonText) { seen.append(entry.reasonText) }
        return seen
    }

    public static func summary(_ entries: [Entry]) -> String? {
        let distinct = reasons(entries)
        return distinct.isEmpty ? nil : distinct.joined(separator: ": ")
    }
}
