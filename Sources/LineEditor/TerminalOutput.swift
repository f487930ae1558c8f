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

    /// Escape sequence that moves the cursor from where libedit left it to the end of the
    /// edited line (its last row and column), so text written next follows the line.
    static func moveToEndOfLine(prompt: UnsafePointer<CChar>?) -> String {
        let (beforeCursor, total) = widths(prompt: prompt)
        let columns = columns()
        let down = max(0, total / columns - beforeCursor / columns)
        let column = total % columns
        return (down > 0 ? "\u{1B}[\(down)B" : "") + "\r" + (column > 0 ? "\u{1B}[\(column)C" : "")
    }

    private static func columns() -> Int {
        var rows: Int32 = 0
        var columns: Int32 = 0
        rl_get_screen_size(&rows, &columns)
        return columns > 0 ? Int(columns) : 80
    }

    /// Display widths of prompt + text before the cursor, and of prompt + whole line.
    /// `rl_point` is a byte offset into `rl_line_buffer`, fresh only inside libedit commands.
    private static func widths(prompt: UnsafePointer<CChar>?) -> (beforeCursor: Int, total: Int) {
        let promptWidth = prompt.map { displayWidth(String(cString: $0)) } ?? 0
        guard let buffer = rl_line_buffer else { return (promptWidth, promptWidth) }
        let bytes = Array(UnsafeBufferPointer(start: buffer, count: strlen(buffer))).map { UInt8(bitPattern: $0) }
        let cursor = min(max(0, Int(rl_point)), bytes.count)
        let before = displayWidth(String(decoding: bytes[..<cursor], as: UTF8.self))
        let after = displayWidth(String(decoding: bytes[cursor...], as: UTF8.self))
        return (promptWidth + before, promptWidth + before + after)
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
