import Foundation

/// Ports of docker/go-units' `HumanDuration`, `HumanSize(WithPrecision)` and `BytesSize`, so
/// sizes and ages read exactly as the docker CLI prints them.
public enum GoUnits {
    /// "Less than a second", "1 second", "About a minute", "3 hours", "2 weeks", "2 years"…
    /// A duration the engine's clock or a hostile timestamp makes absurd is clamped as Go's
    /// `time.Sub` saturates (to ±292 years); NaN is no time at all. `Int(_:)` would trap.
    public static func humanDuration(_ seconds: Double) -> String {
        let seconds = seconds.isNaN ? 0 : min(max(seconds, -maximumDurationSeconds), maximumDurationSeconds)
        let s = Int(seconds.rounded(.towardZero))
        if s < 1 { return "Less than a second" }
        if s == 1 { return "1 second" }
        if s < 60 { return "\(s) seconds" }
        let minutes = Int((seconds / 60).rounded(.towardZero))
        if minutes == 1 { return "About a minute" }
        if minutes < 60 { return "\(minutes) minutes" }
        let hours = Int((seconds / 3600 + 0.5).rounded(.towardZero))
        if hours == 1 { return "About an hour" }
        if hours < 48 { return "\(hours) hours" }
        if hours < 24 * 7 * 2 { return "\(hours / 24) days" }
        if hours < 24 * 30 * 2 { return "\(hours / 24 / 7) weeks" }
        if hours < 24 * 365 * 2 { return "\(hours / 24 / 30) months" }
        return "\(Int((seconds / 3600).rounded(.towardZero)) / 24 / 365) years"
    }

    /// Go's `time.Duration` limit, `1<<63 - 1` nanoseconds, in seconds.
    static let maximumDurationSeconds = Double(Int64.max) / 1e9

    /// "X ago" for a Unix timestamp, as `docker ps` CREATED and `docker images` CREATED show it.
    public static func ago(unixSeconds: Int64, now: Date) -> String {
        humanDuration(now.timeIntervalSince1970 - Double(unixSeconds)) + " ago"
    }

    private static let decimalUnits = ["B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"]
    private static let binaryUnits = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"]

    /// Decimal units with `precision` significant digits (`%.*g`): "1.23MB", "5.5kB", "0B".
    public static func humanSize(_ size: Double, precision: Int = 4) -> String {
        custom(size, base: 1000, units: decimalUnits, precision: precision)
    }

    /// Binary units with 4 significant digits: "1.5MiB", "7.763GiB" (`docker stats` memory).
    public static func bytesSize(_ size: Double) -> String {
        custom(size, base: 1024, units: binaryUnits, precision: 4)
    }

    private static func custom(_ size: Double, base: Double, units: [String], precision: Int) -> String {
        var value = size
        var i = 0
        while value >= base && i < units.count - 1 {
            value /= base
            i += 1
        }
        return formatG(value, precision: precision) + units[i]
    }

    /// Go's `%.Ng` (same rules as C's: shortest of %e/%f, trailing zeros removed).
    static func formatG(_ value: Double, precision: Int) -> String {
        String(format: "%.\(max(1, precision))g", value)
    }
}
