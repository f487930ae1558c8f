import DockerAPI

/// docker's `--label K=V`, `--opt K=V` lists as a JSON object (opts.ConvertKVStringsToMap:
/// a bare `K` is `K=""`).
enum KeyValueList {
    static func object(_ entries: [String]) -> JSONValue {
        var seen: [String: String] = [:]
        for entry in entries {
            let parts = entry.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            seen[String(parts[0])] = parts.count > 1 ? String(parts[1]) : ""
        }
        return .object(seen.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })
    }
}
