/// Where a copied archive is extracted and what its top entry is renamed to, from what is known
/// of the source and the destination: moby's `archive.PrepareArchiveCopy` (pkg/archive/copy.go),
/// which `docker cp` follows in both directions.
public struct ArchiveCopyPlan: Sendable, Equatable {
    /// The directory the archive is extracted into.
    public var directory: String
    /// The archive's top name and the name it must have there, when they differ.
    public var rename: (from: String, to: String)?

    public init(directory: String, rename: (from: String, to: String)?) {
        self.directory = directory
        self.rename = rename
    }

    public static func == (lhs: ArchiveCopyPlan, rhs: ArchiveCopyPlan) -> Bool {
        lhs.directory == rhs.directory && lhs.rename?.from == rhs.rename?.from && lhs.rename?.to == rhs.rename?.to
    }

    public enum Refusal: Error, Sendable, Equatable, CustomStringConvertible {
        /// A directory onto an existing file (moby's ErrCannotCopyDir).
        case cannotCopyDirectory
        /// `DST/` that does not exist, for a file (ErrDirNotExists).
        case noSuchDirectory

        public var description: String {
            switch self {
            case .cannotCopyDirectory: "cannot copy directory"
            case .noSuchDirectory: "no such directory"
            }
        }
    }

    /// `sourceBase` is the archive's top name (the source's last element); `destination` the path
    /// as given; `exists`/`isDirectory` what a stat of it found.
    public static func plan(
        sourceBase: String, sourceIsDirectory: Bool, destination: String, exists: Bool, isDirectory: Bool
    ) throws(Refusal) -> ArchiveCopyPlan {
        let (parent, base) = split(destination)
        if exists && isDirectory {
            return ArchiveCopyPlan(directory: destination, rename: nil)
        }
        if exists {
            if sourceIsDirectory { throw .cannotCopyDirectory }
            return ArchiveCopyPlan(directory: parent, rename: renaming(sourceBase, base))
        }
        if assertsDirectory(destination) && !sourceIsDirectory { throw .noSuchDirectory }
        return ArchiveCopyPlan(directory: parent, rename: renaming(sourceBase, base))
    }

    private static func renaming(_ from: String, _ to: String) -> (from: String, to: String)? {
        from == to ? nil : (from, to)
    }

    /// `/a/b` → (`/a`, `b`); `b` → (`.`, `b`); a trailing `/` is not the last element.
    public static func split(_ path: String) -> (parent: String, base: String) {
        var trimmed = Substring(path)
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return (".", String(trimmed)) }
        let parent = trimmed[..<slash]
        return (parent.isEmpty ? "/" : String(parent), String(trimmed[trimmed.index(after: slash)...]))
    }

    /// A path that ends with `/` or `/.` names a directory (moby's `assertsDirectory`).
    public static func assertsDirectory(_ path: String) -> Bool {
        path.hasSuffix("/") || path.hasSuffix("/.") || path == "."
    }

    /// An archive member's name with the top renamed as the plan says.
    public func rebased(_ name: String) -> String {
        guard let rename else { return name }
        var trimmed = Substring(name)
        if trimmed.hasPrefix("./") { trimmed = trimmed.dropFirst(2) }
        if trimmed == rename.from || trimmed == rename.from + "/" { return rename.to + (trimmed.hasSuffix("/") ? "/" : "") }
        if trimmed.hasPrefix(rename.from + "/") { return rename.to + trimmed.dropFirst(rename.from.count) }
        return name
    }
}
