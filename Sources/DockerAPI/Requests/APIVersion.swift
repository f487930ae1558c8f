/// An Engine API version such as `1.41`, compared numerically (1.9 < 1.10).
public struct APIVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var major: Int
    public var minor: Int

    public init(major: Int, minor: Int) {
        self.major = major
        self.minor = minor
    }

    /// Parses `"1.41"` or `"v1.41"`; nil for anything else.
    public init?(_ text: String) {
        // Trimmed by hand: Foundation's CharacterSet costs start-up a fifth of a millisecond here.
        var s = text.drop(while: \.isWhitespace)
        while s.last?.isWhitespace == true { s = s.dropLast() }
        if s.first == "v" || s.first == "V" { s = s.dropFirst() }
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2,
              parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let major = Int(parts[0]), let minor = Int(parts[1]) else { return nil }
        self.init(major: major, minor: minor)
    }

    public var description: String { "\(major).\(minor)" }

    public static func < (lhs: APIVersion, rhs: APIVersion) -> Bool {
        (lhs.major, lhs.minor) < (rhs.major, rhs.minor)
    }

    /// The newest API dmux speaks: docker 28.3–28.5 (1.52 changes the events wire format).
    public static let clientMaximum = APIVersion(major: 1, minor: 51)
    /// What docker 28.2.2 assumes when `/_ping` carries no `Api-Version` header.
    public static let fallback = APIVersion(major: 1, minor: 24)

    /// `min(ours, theirs)`; a missing or unparsable header counts as `fallback` (docker 28.2.2).
    public static func negotiate(serverHeader: String?, clientMaximum: APIVersion = .clientMaximum) -> APIVersion {
        let server = serverHeader.flatMap { APIVersion($0) } ?? fallback
        return min(clientMaximum, server)
    }
}
