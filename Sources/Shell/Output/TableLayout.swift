import DockerAPI
import Endpoints

/// A table laid out the way the docker CLI's tabwriter does (`TabWriter.table`: a column is its
/// widest cell plus three spaces, ten at least), fitted to the terminal by truncating the widest
/// column with "…" when it would not fit.
public struct TableLayout: Sendable {
    public var headers: [String]
    public var rows: [[String]]

    public init(headers: [String], rows: [[String]]) {
        self.headers = headers
        self.rows = rows
    }

    /// Cells come from engines and files: a control character is shown escaped, never sent to the terminal.
    public func render(maxWidth: Int?) -> String {
        let table = [headers] + rows.map { row in
            headers.indices.map { $0 < row.count ? row[$0].escapingControlCharacters : "" }
        }
        guard let maxWidth else { return TabWriter.table.format(rows: table) }
        let padding = TabWriter.table.padding
        var widths = headers.indices.map { column in
            table.map { $0[column].count }.max().map { max($0, TabWriter.table.minWidth - padding) } ?? 0
        }
        let gap = padding * (widths.count - 1)
        while widths.reduce(0, +) + gap > maxWidth {
            guard let widest = widths.indices.max(by: { widths[$0] < widths[$1] }), widths[widest] > 12 else { break }
            widths[widest] -= 1
        }
        let fitted = table.map { row in
            zip(row, widths).map { cell, width in cell.count > width ? String(cell.prefix(width - 1)) + "…" : cell }
        }
        return TabWriter.table.format(rows: fitted)
    }
}
