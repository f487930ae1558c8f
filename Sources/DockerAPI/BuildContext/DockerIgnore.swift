import Foundation

/// `.dockerignore` as the docker CLI applies it to a build context (moby/buildkit
/// frontend/dockerfile/dockerignore `ReadAll`, moby/patternmatcher `MatchesOrParentMatches`):
/// Go `filepath.Match`-like patterns where `*` and `?` stop at `/` and `**` crosses them, `!`
/// exceptions, and the last pattern that matches a path (or one of its parents) decides.
public struct DockerIgnore: Sendable {
    public struct Pattern: Sendable {
        public let text: String
        public let exclusion: Bool
        let regex: NSRegularExpression

        init(_ text: String, exclusion: Bool) throws(DockerIgnoreError) {
            self.text = text
            self.exclusion = exclusion
            do {
                regex = try NSRegularExpression(pattern: Self.regularExpression(text))
            } catch {
                throw DockerIgnoreError(pattern: text)
            }
        }

        /// moby/patternmatcher `Pattern.compile`, for `/` as the separator.
        static func regularExpression(_ pattern: String) -> String {
            var out = "^"
            var characters = Array(pattern)[...]
            while let character = characters.popFirst() {
                switch character {
                case "*":
                    guard characters.first == "*" else { out += "[^/]*"; continue }
                    characters.removeFirst()
                    if characters.first == "/" { characters.removeFirst() }  // `**/` is `**`
                    out += characters.isEmpty ? ".*" : "(.*/)?"
                case "?": out += "[^/]"
                case ".", "$", "+", "(", ")", "|", "{", "}", "^": out += "\\" + String(character)
                case "\\":
                    if let next = characters.popFirst() { out += "\\" + String(next) } else { out += "\\\\" }
                default: out += String(character)
                }
            }
            return out + "$"
        }

        func matches(_ path: String) -> Bool {
            regex.firstMatch(in: path, range: NSRange(path.startIndex..., in: path)) != nil
        }
    }

    public private(set) var patterns: [Pattern] = []

    /// The patterns of a `.dockerignore` file's text: comments and blank lines dropped, each
    /// cleaned and made relative to the context.
    public init(fileText: String) throws(DockerIgnoreError) {
        var lines: [String] = []
        for raw in fileText.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            if raw.hasPrefix("#") { continue }
            var pattern = raw.trimmingCharacters(in: .whitespaces)
            if pattern.isEmpty { continue }
            let invert = pattern.hasPrefix("!")
            if invert { pattern = String(pattern.dropFirst()).trimmingCharacters(in: .whitespaces) }
            if !pattern.isEmpty {
                pattern = GoPathClean.clean(pattern)
                if pattern.count > 1 && pattern.hasPrefix("/") { pattern.removeFirst() }
            }
            lines.append(invert ? "!" + pattern : pattern)
        }
        try self.init(lines: lines)
    }

    /// Patterns as `NewPatternMatcher` takes them (`!` marks an exception).
    public init(lines: [String]) throws(DockerIgnoreError) {
        for line in lines {
            var text = line.trimmingCharacters(in: .whitespaces)
            if text.isEmpty { continue }
            text = GoPathClean.clean(text)
            let exclusion = text.hasPrefix("!")
            if exclusion {
                guard text.count > 1 else { throw DockerIgnoreError(pattern: "!") }
                text.removeFirst()
            }
            patterns.append(try Pattern(text, exclusion: exclusion))
        }
    }

    /// True when `path` (relative, `/`-separated) is left out of the context: the last pattern
    /// that matches it or one of its parent directories decides.
    public func excludes(_ path: String) -> Bool {
        var matched = false
        let components = path.split(separator: "/")
        let parents = components.dropLast()
        for pattern in patterns where pattern.exclusion == matched {
            var match = pattern.matches(path)
            if !match && !parents.isEmpty {
                for count in 1...parents.count where pattern.matches(parents.prefix(count).joined(separator: "/")) {
                    match = true
                    break
                }
            }
            if match { matched = !pattern.exclusion }
        }
        return matched
    }

    /// Whether an excluded directory must still be walked: some exception may bring back
    /// something inside it (moby/go-archive `TarWithOptions`).
    public func mayIncludeSomethingInside(_ directory: String) -> Bool {
        patterns.contains { $0.exclusion && ($0.text + "/").hasPrefix(directory + "/") }
    }

    /// The docker CLI keeps the Dockerfile and `.dockerignore` in the context even when they are
    /// ignored (docker/cli cli/command/image/build/context.go `TrimBuildFilesFromExcludes`).
    public mutating func keep(_ paths: [String]) throws(DockerIgnoreError) {
        for path in paths where excludes(path) {
            patterns.append(try Pattern(GoPathClean.clean(path), exclusion: true))
        }
    }
}

/// A pattern the matcher cannot use; names it.
public struct DockerIgnoreError: Error, Sendable, CustomStringConvertible {
    public let pattern: String
    public var description: String { "illegal exclusion pattern: \"\(pattern)\"" }
}
