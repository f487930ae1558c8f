/// Go's `path.Clean` (what `filepath.Clean` does on Linux): one slash between names, no `.`,
/// `..` resolved lexically, no trailing slash; `.` for nothing. `.dockerignore` patterns and
/// paths are compared in this form (moby/patternmatcher, moby/buildkit dockerignore).
public enum GoPathClean {
    public static func clean(_ path: String) -> String {
        if path.isEmpty { return "." }
        let rooted = path.hasPrefix("/")
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..":
                if let last = parts.last, last != ".." { parts.removeLast() } else if !rooted { parts.append(part) }
            default: parts.append(part)
            }
        }
        let joined = parts.joined(separator: "/")
        if rooted { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }
}
