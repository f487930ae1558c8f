import Foundation

/// One `docker history` row (docker/cli cli/command/image/formatter_history.go).
public struct HistoryRow: FormatSubject {
    public static let subjectName = "history"
    public static let goTypeName = "*image.historyContext"
    public static let headers: [String: String] = [
        "ID": "IMAGE", "CreatedSince": "CREATED", "CreatedAt": "CREATED AT", "CreatedBy": "CREATED BY",
        "Size": "SIZE", "Comment": "COMMENT",
    ]
    public static let defaultTableFormat = "table {{.ID}}\t{{.CreatedSince}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}"
    /// `-H=false`: dates as RFC 3339 and sizes in bytes.
    public static let nonHumanTableFormat = "table {{.ID}}\t{{.CreatedAt}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}"

    public var item: ImageHistoryItem
    public var truncate: Bool
    public var human: Bool
    public var now: Date
    public var timeZone: TimeZone

    public init(_ item: ImageHistoryItem, truncate: Bool = true, human: Bool = true, now: Date = Date(), timeZone: TimeZone = .current) {
        self.item = item
        self.truncate = truncate
        self.human = human
        self.now = now
        self.timeZone = timeZone
    }

    /// docker shows no age for layers made before 2000 (its `epoch`).
    static let epoch: Int64 = 946_684_800

    public func field(_ name: String) -> String? {
        switch name {
        case "ID": truncate ? DockerColumns.truncateID(item.id) : item.id
        case "CreatedAt": createdAt
        case "CreatedSince":
            !human ? createdAt : item.created <= Self.epoch ? "N/A" : GoUnits.ago(unixSeconds: item.created, now: now)
        case "CreatedBy":
            truncate ? DockerColumns.ellipsis(item.createdBy.replacingOccurrences(of: "\t", with: " "), 45)
                : item.createdBy.replacingOccurrences(of: "\t", with: " ")
        case "Size": human ? GoUnits.humanSize(Double(item.size), precision: 3) : String(item.size)
        case "Comment": item.comment
        default: nil
        }
    }

    /// Go's `time.RFC3339` (`2006-01-02T15:04:05Z07:00`): the fixed-nanosecond form without its fraction.
    private var createdAt: String {
        GoTime.rfc3339NanoFixed(unixSeconds: item.created, nanos: 0, timeZone: timeZone)
            .replacingOccurrences(of: ".000000000", with: "")
    }
}
