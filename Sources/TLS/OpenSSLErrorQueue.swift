internal import COpenSSL

/// OpenSSL's thread-local error queue, read into Swift values right where a call failed.
///
/// Every SSL call is preceded by `clear()` so that a stale entry from an earlier call (or another
/// connection on the same event loop thread) is never blamed on this one.
enum OpenSSLErrorQueue {
    struct Entry: Sendable, Equatable {
        var library: Int32
        var reason: Int32
        /// OpenSSL's reason text, e.g. `wrong version number`.
        var reasonText: String
    }

    static func clear() { ERR_clear_error() }

    /// Empties the queue, oldest entry first.
    static func drain() -> [Entry] {
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
    static func drainSummary() -> String? {
        summary(drain())
    }

    static func summary(_ entries: [Entry]) -> String? {
        var seen: [String] = []
        for entry in entries where !seen.contains(entry.reasonText) { seen.append(entry.reasonText) }
        return seen.isEmpty ? nil : seen.joined(separator: ": ")
    }
}
