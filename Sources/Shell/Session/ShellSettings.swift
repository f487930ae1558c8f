import Core

/// The knobs `set` changes and the command line seeds.
public struct ShellSettings: Sendable, Hashable {
    /// Overrides every command's own shape when set (`set format json`).
    public var format: OutputShape?
    /// Hosts worked on at once.
    public var fanout: Int = 64
    /// Per-host connect and request timeout.
    public var timeout: Duration = .seconds(10)
    public var color: ColorMode = .auto
    /// Batch: stop at the first line that fails.
    public var stopOnError = false

    public init() {}

    /// `set` lists and changes these by name.
    public static let names = ["format", "fanout", "timeout", "color"]

    public func value(of name: String) -> String {
        switch name {
        case "format": format?.rawValue ?? "auto"
        case "fanout": "\(fanout)"
        case "timeout": Self.describe(timeout)
        case "color": color.rawValue
        default: ""
        }
    }

    public mutating func set(_ name: String, to value: String) throws(ShellUsageError) {
        switch name {
        case "format":
            if value == "auto" { format = nil; return }
            guard let shape = OutputShape(rawValue: value) else {
                throw ShellUsageError("invalid format '\(value)': choose table, lines, grouped, json or auto")
            }
            format = shape
        case "fanout":
            guard let number = Int(value), number > 0 else { throw ShellUsageError("invalid fanout '\(value)': a positive integer") }
            fanout = number
        case "timeout":
            timeout = try Self.parseDuration(value)
        case "color":
            guard let mode = ColorMode(rawValue: value) else { throw ShellUsageError("invalid color '\(value)': auto, always or never") }
            color = mode
        default:
            let hint = Suggestion.nearest(to: name, in: Self.names).map { " (did you mean '\($0)'?)" } ?? ""
            throw ShellUsageError("unknown setting '\(name)'\(hint); settings: \(Self.names.joined(separator: ", "))")
        }
    }

    /// A positive Go duration (`10s`, `500ms`, `2m`, `1m30s`), or a bare number of seconds
    /// (`10`, `1.5`); whole milliseconds, at most Go's `time.Duration` (the timeout is later
    /// counted in Int64 nanoseconds).
    public static func parseDuration(_ text: String) throws(ShellUsageError) -> Duration {
        let invalid = ShellUsageError("invalid duration '\(text)': e.g. 10s, 500ms, 2m")
        let bareSeconds = !text.isEmpty && text.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || $0 == UInt8(ascii: ".") }
        guard let nanoseconds = try? GoDuration.nanoseconds(bareSeconds ? text + "s" : text), nanoseconds > 0 else { throw invalid }
        return .milliseconds(nanoseconds / 1_000_000)
    }

    static func describe(_ duration: Duration) -> String {
        let milliseconds = duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
        return milliseconds % 1000 == 0 ? "\(milliseconds / 1000)s" : "\(milliseconds)ms"
    }
}
