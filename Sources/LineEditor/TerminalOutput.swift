@preconcurrency internal import CEditLine
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Terminal writes and the geometry of the line being edited, for the editor thread.
///
/// Output goes through the C `stdout` stream, the one libedit draws on, so the two never
/// reorder.
enum TerminalOutput {
    static func write(_ text: String) {
        fputs(text, stdout)
        fflush(stdout)
    }

    static func terminated(_ text: String) -> String {
        text.hasSuffix("\n") ? text : text + "\n"
    }

    /// Screen rows between the first row of the prompt and the cursor (long lines wrap).
    static func rowsAboveCursor(prompt: UnsafePointer<CChar>?) -> Int {
        let (beforeCursor, _) = widths(prompt: prompt)
        return beforeCursor / columns()
    }

    /// Screen rows of the edited line below the cursor's row.
    static func rowsBelowCursor(prompt: UnsafePointer<CChar>?) -> Int {
        let (beforeCursor, total) = widths(prompt: prompt)
        return max(0, total / columns() - beforeCursor / columns())
    }

    private static func columns() -> Int {
        var rows: Int32 = 0
        var columns: Int32 = 0
        rl_get_screen_size(&rows, &columns)
        return columns > 0 ? Int(columns) : 80
    }

    /// Display widths of prompt + text before the cursor, and of prompt + whole line.
    private static func widths(prompt: UnsafePointer<CChar>?) -> (beforeCursor: Int, total: Int) {
        let promptWidth = prompt.map { displayWidth(String(cString: $0)) } ?? 0
        let line = rl_line_buffer.map { Array(String(cString: $0).unicodeScalars) } ?? []
        let cursor = min(max(0, Int(rl_point)), line.count)
        let before = displayWidth(line[..<cursor])
        return (promptWidth + before, promptWidth + before + displayWidth(line[cursor...]))
    }

    static func displayWidth(_ text: String) -> Int {
        displayWidth(Array(text.unicodeScalars)[...])
    }

    /// Columns taken by `scalars`, skipping ANSI CSI sequences (coloured prompts).
    static func displayWidth(_ scalars: ArraySlice<Unicode.Scalar>) -> Int {
        var width = 0
        var inEscape = false
        var previous: Unicode.Scalar = " "
        for scalar in scalars {
            defer { previous = scalar }
            if inEscape {
                if scalar != "[", (0x40...0x7E).contains(scalar.value) { inEscape = false }
                if previous == "\u{1B}", scalar != "[" { inEscape = false }
                continue
            }
            if scalar == "\u{1B}" {
                inEscape = true
                continue
            }
            width += max(0, Int(dmux_wcwidth(wchar_t(bitPattern: scalar.value))))
        }
        return width
    }
}
