import Testing
@testable import Shell

@Suite struct TableLayoutTests {
    let image = "registry.example.com/team/service:1.2.3"
    var layout: TableLayout {
        TableLayout(headers: ["HOST", "IMAGE", "NAMES"], rows: [["m1", image, "web"], ["m22", "busybox"]])
    }

    func spaces(_ count: Int) -> String { String(repeating: " ", count: count) }

    @Test func columnsAreTheWidestCellPlusThreeTenAtLeastAndMissingCellsAreEmpty() {
        let lines = layout.render(maxWidth: nil).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let header: String = "HOST" + spaces(6) + "IMAGE" + spaces(42 - 5) + "NAMES"
        let full: String = "m1" + spaces(8) + image + spaces(3) + "web"
        let short: String = "m22" + spaces(7) + "busybox" + spaces(42 - 7)
        #expect(lines == [header, full, short, ""])
    }

    @Test func aNarrowTerminalTruncatesTheWidestColumn() {
        let lines = layout.render(maxWidth: 40).split(separator: "\n")
        #expect(lines.allSatisfy { $0.count <= 40 }, "\(lines)")
        let truncated: String = "m1" + spaces(8) + "registry.example.co…" + spaces(3) + "web"
        #expect(lines[1] == truncated)
    }

    /// Cells come from engines and files: C0, DEL and C1 controls (U+009B is a one-byte CSI) are shown escaped.
    @Test func controlCharactersInCellsAreShownEscaped() {
        let table = TableLayout(headers: ["NAME"], rows: [["a\u{1B}[31mb\u{9B}2Jc\u{7F}\nd"]]).render(maxWidth: nil)
        #expect(table == "NAME\n" + #"a\x1b[31mb\u009b2Jc\x7f\nd"# + "\n")
    }
}
