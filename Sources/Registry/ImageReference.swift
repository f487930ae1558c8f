import Core

/// An image reference split the way the docker CLI splits it before it looks up credentials
/// (distribution/reference `ParseNormalizedNamed`, `splitDockerDomain`): the registry part decides
/// which `config.json` entry applies.
public struct ImageReference: Sendable, Hashable {
    /// `docker.io` for Docker Hub, else `host[:port]` as typed.
    public var domain: String
    /// The repository path inside the registry (`library/busybox` for `busybox` on Docker Hub).
    public var path: String
    public var tag: String?
    public var digest: String?

    public static let hubDomain = "docker.io"
    /// The key Docker Hub's credentials live under (docker/cli: cli/command/registry.go `authConfigKey`).
    public static let hubAuthKey = "https://index.docker.io/v1/"

    public init(parsing text: String) throws(ReferenceError) {
        var rest = Substring(text)
        if let at = rest.firstIndex(of: "@") {
            digest = String(rest[rest.index(after: at)...])
            rest = rest[..<at]
        }
        if case let (name, tag?) = ImageTag.split(rest) {
            self.tag = String(tag)
            rest = name
        }
        guard !rest.isEmpty, tag?.isEmpty != true, digest?.isEmpty != true else {
            throw ReferenceError(reference: text, reason: "invalid reference format")
        }
        (domain, path) = Self.splitDomain(String(rest))
        guard path.lowercased() == path else {
            throw ReferenceError(reference: text, reason: "invalid reference format: repository name must be lowercase")
        }
        guard !path.isEmpty, !path.split(separator: "/", omittingEmptySubsequences: false).contains(where: \.isEmpty) else {
            throw ReferenceError(reference: text, reason: "invalid reference format")
        }
    }

    /// The first path component is a registry when it has a `.` or `:`, is `localhost`, or has an
    /// upper-case letter (which a repository cannot have); `index.docker.io` is Docker Hub.
    static func splitDomain(_ name: String) -> (domain: String, path: String) {
        guard let slash = name.firstIndex(of: "/") else {
            return (hubDomain, "library/" + name)
        }
        let first = String(name[..<slash])
        let remainder = String(name[name.index(after: slash)...])
        guard first.contains(".") || first.contains(":") || first == "localhost" || first.lowercased() != first else {
            return (hubDomain, name)
        }
        if first == "index.docker.io" { return (hubDomain, remainder.contains("/") ? remainder : "library/" + remainder) }
        return (first, remainder)
    }

    /// The `config.json` key whose credentials a pull or push of this reference uses.
    public var authKey: String { domain == Self.hubDomain ? Self.hubAuthKey : domain }

    /// The repository as the engine API names it (`fromImage`, push path): the domain kept unless it is Docker Hub's.
    public var repository: String {
        guard domain == Self.hubDomain else { return domain + "/" + path }
        return path.hasPrefix("library/") ? String(path.dropFirst("library/".count)) : path
    }
}

/// A reference the docker CLI would refuse, with its words.
public struct ReferenceError: Error, Sendable, CustomStringConvertible {
    public let reference: String
    public let reason: String
    public var description: String { "\(reason): \(reference)" }
}
