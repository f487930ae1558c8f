import Foundation

/// Where completion finds names that are not in the command table. The engine stays pure: the
/// REPL answers from the registry and the live cache, tests from fixed lists.
public protocol CompletionCatalog: Sendable {
    var hostNames: [String] { get }
    var groupNames: [String] { get }
    func machineNames() -> [String]
    func contextNames() -> [String]
    /// Container names and IDs on the hosts `target` names (nil: the default targets).
    func containers(target: String?) -> [ContainerCandidate]
    /// `repo:tag` of the images on the hosts `target` names.
    func images(target: String?) -> [String]
    /// Paths that extend `prefix`, directories ending in `/`.
    func paths(extending prefix: String, directoriesOnly: Bool) -> [String]
}

/// One container as completion offers it.
public struct ContainerCandidate: Sendable, Hashable {
    public var id: String
    public var names: [String]

    public init(id: String, names: [String]) {
        self.id = id
        self.names = names
    }
}

extension CompletionCatalog {
    public func paths(extending prefix: String, directoriesOnly: Bool) -> [String] {
        PathCompletion.candidates(extending: prefix, directoriesOnly: directoriesOnly)
    }
}

/// File and directory names from the file system, the way a shell completes them.
public enum PathCompletion {
    public static func candidates(extending prefix: String, directoriesOnly: Bool, home: String = NSHomeDirectory()) -> [String] {
        let slash = prefix.lastIndex(of: "/")
        let directoryPart = slash.map { String(prefix[...$0]) } ?? ""
        let namePart = slash.map { String(prefix[prefix.index(after: $0)...]) } ?? prefix
        var directory = directoryPart.isEmpty ? "." : directoryPart
        if directory.hasPrefix("~") { directory = home + directory.dropFirst() }
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return [] }
        var result: [String] = []
        for entry in entries.sorted() where entry.hasPrefix(namePart) {
            if entry.hasPrefix(".") && !namePart.hasPrefix(".") { continue }
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: directory + "/" + entry, isDirectory: &isDirectory)
            if directoriesOnly && !isDirectory.boolValue { continue }
            result.append(directoryPart + entry + (isDirectory.boolValue ? "/" : ""))
        }
        return result
    }
}
