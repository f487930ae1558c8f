import Foundation

/// Go `time` layouts the CLI prints: `Time.String()` for CREATED AT, RFC3339NanoFixed for events,
/// ANSIC for `version`'s Built.
public enum GoTime {
    /// `2006-01-02 15:04:05 -0700 MST`, e.g. "2026-11-29 19:01:01 +0000 UTC".
    public static func string(unixSeconds: Int64, timeZone: TimeZone) -> String {
        let date = Date(timeIntervalSince1970: Double(unixSeconds))
        let c = components(date, timeZone)
        return String(format: "%04d-%02d-%02d %02d:%02d:%02d ", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!)
            + offset(date, timeZone, colon: false) + " " + abbreviation(date, timeZone)
    }

    /// `2006-01-02T15:04:05.000000000Z07:00` (docker's jsonmessage.RFC3339NanoFixed).
    public static func rfc3339NanoFixed(unixNanos: Int64, timeZone: TimeZone) -> String {
        var seconds = unixNanos / 1_000_000_000
        var nanos = unixNanos % 1_000_000_000
        if nanos < 0 {
            nanos += 1_000_000_000
            seconds -= 1
        }
        return rfc3339NanoFixed(unixSeconds: seconds, nanos: nanos, timeZone: timeZone)
    }

    /// The same for whole seconds and nanoseconds apart: an event's `time` in seconds cannot
    /// always be counted in Int64 nanoseconds (`time * 1e9` trapped beyond the year 2262).
    public static func rfc3339NanoFixed(unixSeconds seconds: Int64, nanos: Int64, timeZone: TimeZone) -> String {
        let date = Date(timeIntervalSince1970: Double(seconds))
        let c = components(date, timeZone)
        let zone = timeZone.secondsFromGMT(for: date) == 0 ? "Z" : offset(date, timeZone, colon: true)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d.%09lld", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!, nanos)
            + zone
    }

    /// Go's `Time.String()` of a time the engine sent as RFC 3339 (`2026-11-30T03:20:11.5487Z` →
    /// `2026-11-30 03:20:11.5487 +0000 UTC`): printed in the zone it was written in, as Go keeps it.
    /// Text that is not RFC 3339 is returned as it is.
    public static func string(rfc3339 text: String) -> String {
        let parts = text.split(separator: "T", maxSplits: 1)
        guard parts.count == 2, parts[0].count == 10, parts[1].count >= 9 else { return text }
        let time = parts[1]
        var clock = time.prefix(8)
        var rest = time.dropFirst(8)
        if rest.first == "." {
            let fraction = rest.dropFirst().prefix { $0.isNumber }
            rest = rest.dropFirst(1 + fraction.count)
            let trimmed = fraction.reversed().drop { $0 == "0" }.reversed()
            if !trimmed.isEmpty { clock += "." + String(trimmed) }
        }
        let zone: String
        if rest == "Z" {
            zone = "+0000 UTC"
        } else if rest.count == 6, rest.first == "+" || rest.first == "-" {
            let offset = rest.replacingOccurrences(of: ":", with: "")
            zone = offset + " " + offset
        } else {
            return text
        }
        return "\(parts[0]) \(clock) \(zone)"
    }

    /// Go's `time.ANSIC` layout (`Mon Jan _2 15:04:05 2006`) of a time written in RFC 3339, as
    /// `docker version` prints a BuildTime (cli/command/system/version.go `reformatDate`): Go's
    /// `time.Parse` keeps the offset the text was written in, so the wall clock is the text's own.
    /// Text that is not RFC 3339 is returned as it is, as docker does.
    public static func ansic(rfc3339 text: String) -> String {
        let parts = text.split(separator: "T", maxSplits: 1)
        guard parts.count == 2 else { return text }
        let date = parts[0].split(separator: "-", omittingEmptySubsequences: false).compactMap { Int($0) }
        let time = parts[1]
        let clock = time.prefix(8).split(separator: ":", omittingEmptySubsequences: false)
        guard date.count == 3, parts[0].count == 10, clock.count == 3, clock.allSatisfy({ $0.count == 2 && Int($0) != nil }),
              (1...12).contains(date[1]), (1...31).contains(date[2])
        else { return text }
        var rest = time.dropFirst(8)
        if rest.first == "." {
            let fraction = rest.dropFirst().prefix { $0.isNumber }
            guard !fraction.isEmpty else { return text }
            rest = rest.dropFirst(1 + fraction.count)
        }
        let zoned = rest == "Z" || (rest.count == 6 && (rest.first == "+" || rest.first == "-") && rest.dropFirst(3).first == ":")
        guard zoned else { return text }
        let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let day = date[2] < 10 ? " \(date[2])" : "\(date[2])"
        return "\(weekdays[weekday(year: date[0], month: date[1], day: date[2])]) \(months[date[1] - 1]) \(day) \(clock.joined(separator: ":")) \(date[0])"
    }

    /// Day of the week of a proleptic Gregorian date, 0 for Sunday (Sakamoto's method).
    static func weekday(year: Int, month: Int, day: Int) -> Int {
        let offsets = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4]
        let y = month < 3 ? year - 1 : year
        return (y + y / 4 - y / 100 + y / 400 + offsets[month - 1] + day) % 7
    }

    private static func components(_ date: Date, _ tz: TimeZone) -> DateComponents {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = tz
        return calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
    }

    private static func offset(_ date: Date, _ tz: TimeZone, colon: Bool) -> String {
        let total = tz.secondsFromGMT(for: date)
        let sign = total < 0 ? "-" : "+"
        let h = abs(total) / 3600
        let m = abs(total) % 3600 / 60
        return String(format: colon ? "%@%02d:%02d" : "%@%02d%02d", sign, h, m)
    }

    /// The zone's name as Go prints it: tzdata's abbreviation ("EST", "CET", "+0530" style names
    /// included). Foundation on Linux names zones "GMT-5", so the local zone, the one the CLI prints
    /// in, asks the C library, which reads the same tzdata as Go.
    private static func abbreviation(_ date: Date, _ tz: TimeZone) -> String {
        if ["UTC", "GMT", "Etc/UTC", "Etc/GMT", "Universal", "Zulu"].contains(tz.identifier) { return "UTC" }
        if tz.identifier == TimeZone.current.identifier, let local = localAbbreviation(date) { return local }
        return tz.abbreviation(for: date) ?? offset(date, tz, colon: false)
    }

    private static func localAbbreviation(_ date: Date) -> String? {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        guard localtime_r(&seconds, &parts) != nil, let zone = parts.tm_zone else { return nil }
        return String(cString: zone)
    }
}
