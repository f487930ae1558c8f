import Core
import Foundation

/// `--since`/`--until` values turned into what the engine expects, as the Go client does
/// (moby api/types/time `GetTimestamp`): a Go duration (`10m`, `1h30m`) counts back from now,
/// an RFC 3339 date or date-time becomes `seconds.nanoseconds`, and a Unix timestamp passes as is.
enum DockerTimestamp {
    static func parse(_ value: String, now: Date = Date(), timeZone: TimeZone = .current) throws(ShellUsageError) -> String {
        if value != "0", let seconds = try? GoDuration.seconds(value) {
            return String(Int64((now.timeIntervalSince1970 - seconds).rounded(.down)))
        }
        if let (seconds, nanos) = rfc3339(value, timeZone: timeZone) {
            return String(format: "%lld.%09lld", seconds, nanos)
        }
        if value.contains("-") { throw invalid(value) }
        let parts = value.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard Int64(parts[0]) != nil, parts.count == 1 || Int64(parts[1]) != nil else { throw invalid(value) }
        return value
    }

    static func invalid(_ value: String) -> ShellUsageError {
        ShellUsageError("failed to parse value as time or duration: \"\(value)\"")
    }

    /// `2006-01-02`, `2006-01-02T15`, `…T15:04`, `…T15:04:05[.nnn]`, each with an optional `Z` or
    /// `±07:00`; without a zone the date is local, as docker reads it.
    static func rfc3339(_ text: String, timeZone: TimeZone) -> (seconds: Int64, nanos: Int64)? {
        let pattern = #"^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2})(?::(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?)?(Z|z|[+-]\d{2}:\d{2})?$"#
        guard let regex = try? NSRegularExpression(pattern: pattern),
              let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) else { return nil }
        func group(_ index: Int) -> String? {
            Range(match.range(at: index), in: text).map { String(text[$0]) }
        }
        var components = DateComponents()
        components.year = Int(group(1)!)
        components.month = Int(group(2)!)
        components.day = Int(group(3)!)
        components.hour = group(4).flatMap { Int($0) } ?? 0
        components.minute = group(5).flatMap { Int($0) } ?? 0
        components.second = group(6).flatMap { Int($0) } ?? 0
        var zone = timeZone
        if let offset = group(8) {
            if offset == "Z" || offset == "z" {
                zone = TimeZone(secondsFromGMT: 0)!
            } else {
                let sign = offset.hasPrefix("-") ? -1 : 1
                let hours = Int(offset.dropFirst().prefix(2))!  // \d{2} in the pattern
                let minutes = Int(offset.suffix(2))!
                // Go refuses an offset beyond 24 hours ("time zone offset hour out of range");
                // Foundation's TimeZone gives nil beyond 18: either way not a time (was a trap).
                guard hours < 24, minutes < 60, let offsetZone = TimeZone(secondsFromGMT: sign * (hours * 3600 + minutes * 60)) else {
                    return nil
                }
                zone = offsetZone
            }
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        guard let date = calendar.date(from: components) else { return nil }
        // The fraction is kept apart: a Double of Unix seconds cannot hold nanoseconds.
        let digits = group(7) ?? ""
        let nanos = Int64(digits + String(repeating: "0", count: 9 - digits.count))!
        return (Int64(date.timeIntervalSince1970), nanos)
    }
}
