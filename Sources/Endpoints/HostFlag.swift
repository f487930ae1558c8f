/// One `-H` value, `[NAME=]URL`.
public struct HostFlag: Sendable, Hashable {
    public var name: String?
    public var url: String

    /// `NAME=` is split off first whenever the text before the first `=` is a valid endpoint name
    /// (`[A-Za-z0-9][A-Za-z0-9_.-]*`); the rest then goes through docker's host rules whole, so
    /// `x=` is docker's default host (as `docker -H ""`) and `x=a b` is docker's error for `a b`.
    /// A URL's own `=` (`tcp://h/p?x=a`) follows a `:` or `/`, which no name holds.
    public init(_ value: String) {
        if let eq = value.firstIndex(of: "="), EndpointName.isValid(String(value[..<eq])) {
            self.name = String(value[..<eq])
            self.url = String(value[value.index(after: eq)...])
        } else {
            self.name = nil
            self.url = value
        }
    }
}
