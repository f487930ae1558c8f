import Foundation
import Testing

/// Comments and docs cite upstream sources (docker/cli, moby, docker/machine file paths) or
/// documents inside the repository: a reader of a clone has nothing else. Notes kept beside the
/// repository while it was written were cited 37 times before this test.
@Suite struct RepositoryCitationsTests {
    /// Names of documents that live outside the repository, paths that lead out of it, and the
    /// notes' shorthands for upstream trees (`mclient`, `docker/machine libmachine/…`), which name no
    /// repository a reader can open.
    static let outsideDocuments = [
        "docker-reference", "implementation-notes", "design.md", "anchors.md", "/work/shared", "../shared",
        "mclient", "goconn:", "machine:libmachine", "machine:commands", "machine:drivers", "cli:cli/", "moby:",
    ]

    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func nothingCitesADocumentOutsideTheRepository() throws {
        let thisFile = URL(fileURLWithPath: #filePath).standardizedFileURL.path
        var sites: [String] = []
        for top in ["Sources", "Tests", "Fuzz", "scripts", "docs", "completions", ".ci", "README.md", "Package.swift"] {
            let start = Self.repositoryRoot.appendingPathComponent(top)
            var files = [start]
            if let walker = FileManager.default.enumerator(at: start, includingPropertiesForKeys: nil) {
                files = walker.compactMap { $0 as? URL }
            }
            for file in files where file.standardizedFileURL.path != thisFile {
                guard let text = try? String(contentsOf: file, encoding: .utf8) else { continue }
                for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
                where Self.outsideDocuments.contains(where: { line.contains($0) }) {
                    sites.append("\(file.path.dropFirst(Self.repositoryRoot.path.count + 1)):\(number + 1): \(line)")
                }
            }
        }
        #expect(sites.isEmpty, "cite the upstream file or a document in docs/ instead:\n\(sites.joined(separator: "\n"))")
        #expect(FileManager.default.fileExists(atPath: Self.repositoryRoot.appendingPathComponent("Sources/Core").path))
    }
}
