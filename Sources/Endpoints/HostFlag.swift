/// One `-H` value, `[NAME=]URL`.
public struct HostFlag: Sendable, Hashable {
    public var name: String?
    public var url: String

    /// Recognises `NAME=` only when NAME is a valid endpoint name and what follows is clearly an
    /// address, so that `=` inside a URL (`tcp://h/path?x=a=b`) is never taken for a name.
    public init(_ value: String) {
        if let eq = value.firstIndex(of: "=") {
            let candidate = String(value[..<eq])
            let rest = String(value[value.index(after: eq)...])
            if EndpointName.isValid(candidate) && HostFlag.looksLikeAddress(rest) {
                self.name = candidate
                self.url = rest
                return
            }
        }
        self.name = nil
        self.url = value
    }

    /// `scheme://…`, an absolute path, or `host[:port][/path]`.
    static func looksLikeAddress(_ s: String) -> Bool {
        let t = s.trimmingWhitespace()
        if t.isEmpty || t.contains("=") && !t.contains("://") { return false }
        if t.contains("://") || t.hasPrefix("/") { return true }
        let hostPart = t.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        return !hostPart.isEmpty && hostPart.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
                || $0 == "." || $0 == "-" || $0 == "_" || $0 == ":" || $0 == "[" || $0 == "]"
        }
    }
}
