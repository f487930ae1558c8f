/// Go's `text/tabwriter` (as the docker CLI configures it: pad with spaces, left-aligned).
/// Cells end with `\t`; the text after the last tab of a line is not aligned. Columns are
/// sized per *column block* (consecutive lines that have that column), exactly like Go.
public struct TabWriter: Sendable {
    public var minWidth: Int
    public var padding: Int

    /// `docker ps`/`images`/`df` tables: `tabwriter.NewWriter(out, 10, 1, 3, ' ', 0)`.
    public static let table = TabWriter(minWidth: 10, padding: 3)
    /// `docker top`: `tabwriter.NewWriter(out, 20, 1, 3, ' ', 0)`.
    public static let top = TabWriter(minWidth: 20, padding: 3)
    /// `docker version`: `tabwriter.NewWriter(out, 20, 1, 1, ' ', 0)`.
    public static let version = TabWriter(minWidth: 20, padding: 1)

    public init(minWidth: Int, padding: Int) {
        self.minWidth = minWidth
        self.padding = padding
    }

    /// Formats `text`; a trailing newline is kept, a final unterminated line is written as is.
    public func format(_ text: String) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        }
        let endsWithNewline = text.hasSuffix("\n")
        if endsWithNewline { lines.removeLast() }
        var out = format(rows: lines)
        if !endsWithNewline && out.hasSuffix("\n") { out.removeLast() }
        return out
    }

    /// Rows of cells → aligned lines (each row ends with `\n`).
    public func format(rows: [[String]]) -> String {
        var widths: [Int] = []
        var out = ""
        formatBlock(rows, 0, rows.count, &widths, &out)
        return out
    }

    private func formatBlock(_ lines: [[String]], _ start: Int, _ end: Int, _ widths: inout [Int], _ out: inout String) {
        var line0 = start
        let column = widths.count
        var this = start
        while this < end {
            if column >= lines[this].count - 1 {
                this += 1
                continue
            }
            writeLines(lines, line0, this, widths, &out)
            line0 = this
            var width = minWidth
            while this < end, column < lines[this].count - 1 {
                width = max(width, lines[this][column].count + padding)
                this += 1
            }
            widths.append(width)
            formatBlock(lines, line0, this, &widths, &out)
            widths.removeLast()
            line0 = this
        }
        writeLines(lines, line0, end, widths, &out)
    }

    private func writeLines(_ lines: [[String]], _ start: Int, _ end: Int, _ widths: [Int], _ out: inout String) {
        guard start < end else { return }
        for i in start..<end {
            for (j, cell) in lines[i].enumerated() {
                out += cell
                if j < widths.count && j < lines[i].count - 1 {
                    out += String(repeating: " ", count: max(0, widths[j] - cell.count))
                }
            }
            out += "\n"
        }
    }
}
