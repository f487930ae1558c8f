/// Lays out a table the way the docker CLI's tabwriter does (`NewWriter(out, 10, 1, 3, ' ', 0)`:
/// a column is its widest cell plus three spaces, ten at least), fitted to the terminal by
/// truncating the widest column with "…" when it would not fit.
public struct TableLayout: Sendable {
    public var headers: [String]
    public var rows: [[String]]

    /// Go tabwriter's minwidth and padding as docker sets them.
    static let minimumColumnWidth = 10
    static let padding = 3

    public init(headers: [String], rows: [[String]]) {
        self.headers = headers
        self.rows = rows
    }

    public func render(maxWidth: Int?) -> String {
        var widths = headers.map { max($0.count, Self.minimumColumnWidth - Self.padding) }
        for row in rows {
            for (column, cell) in row.enumerated() where column < widths.count {
                widths[column] = max(widths[column], cell.count)
            }
        }
        if let maxWidth {
            let gap = Self.padding * (widths.count - 1)
            while widths.reduce(0, +) + gap > maxWidth {
                guard let widest = widths.indices.max(by: { widths[$0] < widths[$1] }), widths[widest] > 12 else { break }
                widths[widest] -= 1
            }
        }
        var out = ""
        for row in [headers] + rows {
            var line = ""
            for (column, width) in widths.enumerated() {
                var cell = column < row.count ? row[column] : ""
                if cell.count > width { cell = String(cell.prefix(width - 1)) + "…" }
                let isLast = column == widths.count - 1
                line += isLast ? cell : cell + String(repeating: " ", count: width - cell.count + Self.padding)
            }
            out += line + "\n"
        }
        return out
    }
}
