/// Go's `strings` functions at the level Go works at (bytes; here Unicode scalars), for parsing
/// host strings exactly as the docker CLI does.
///
/// Swift's own `hasPrefix`, `contains` and `firstIndex(of:)` compare grapheme clusters: a
/// combining mark after `/` or `:` hides the delimiter from them (`tcp://` followed by U+0301 has
/// no `://`), while Go still sees it. Found by Fuzz/Sources/FuzzHostSyntax.
extension String {
    /// `strings.Cut`: the text before and after the first `separator`.
    func goCut(_ separator: String) -> (before: String, after: String)? {
        guard let range = utf8.firstRange(of: separator.utf8) else { return nil }
        return (String(unicodeScalars[..<range.lowerBound]), String(unicodeScalars[range.upperBound...]))
    }

    func goHasPrefix(_ prefix: String) -> Bool { utf8.starts(with: prefix.utf8) }
    func goHasSuffix(_ suffix: String) -> Bool { utf8.reversed().starts(with: suffix.utf8.reversed()) }
    func goContains(_ part: String) -> Bool { utf8.firstRange(of: part.utf8) != nil }

    /// `strings.TrimPrefix`.
    func goTrimPrefix(_ prefix: String) -> String {
        goHasPrefix(prefix) ? String(unicodeScalars.dropFirst(prefix.unicodeScalars.count)) : self
    }

    /// Go's `strings.TrimSpace` for the ASCII whitespace that matters in flags and env values.
    public func trimmingWhitespace() -> String {
        let space: Set<Unicode.Scalar> = [" ", "\t", "\n", "\r", "\u{0B}", "\u{0C}"]
        var scalars = unicodeScalars[...]
        while let first = scalars.first, space.contains(first) { scalars = scalars.dropFirst() }
        while let last = scalars.last, space.contains(last) { scalars = scalars.dropLast() }
        return String(scalars)
    }
}

extension String {
    init(_ scalars: Substring.UnicodeScalarView) {
        self.init(Substring(scalars))
    }
}
