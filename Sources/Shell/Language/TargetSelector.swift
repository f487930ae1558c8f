#if canImport(Glibc)
import Glibc
#endif

/// Resolves a target expression (`all`, `m1`, `m1,m2`, `web`, `web*`, `all,!m3`) against the known
/// hosts and groups. Pure: the registry passes its names in, the result keeps the registry's order.
public enum TargetSelector {
    public static func resolve(
        _ expression: String,
        hosts: [String],
        groups: [String: [String]]
    ) throws(ShellUsageError) -> [String] {
        var included = Set<String>()
        var excluded = Set<String>()
        var sawInclusion = false
        if expression.isEmpty { throw ShellUsageError("empty target after '@'") }
        for item in expression.split(separator: ",", omittingEmptySubsequences: false).map(String.init) {
            // `@,` or `@m1,` must not quietly mean every host.
            guard item != "", item != "!" else {
                throw ShellUsageError("empty target in '@\(expression)': name a host, a group, a glob or all")
            }
            if item.hasPrefix("!") {
                excluded.formUnion(try expand(String(item.dropFirst()), hosts: hosts, groups: groups, seen: []))
            } else {
                sawInclusion = true
                included.formUnion(try expand(item, hosts: hosts, groups: groups, seen: []))
            }
        }
        if !sawInclusion { included = Set(hosts) }
        return hosts.filter { included.contains($0) && !excluded.contains($0) }
    }

    private static func expand(
        _ item: String,
        hosts: [String],
        groups: [String: [String]],
        seen: Set<String>
    ) throws(ShellUsageError) -> Set<String> {
        if item == "all" { return Set(hosts) }
        if hosts.contains(item) { return [item] }
        if let members = groups[item] {
            guard !seen.contains(item) else { throw ShellUsageError("group '\(item)' contains itself") }
            var result = Set<String>()
            for member in members {
                result.formUnion(try expand(member, hosts: hosts, groups: groups, seen: seen.union([item])))
            }
            return result
        }
        if isGlob(item) {
            let matches = hosts.filter { fnmatch(item, $0, 0) == 0 }
            guard !matches.isEmpty else { throw ShellUsageError("no host matches '\(item)'") }
            return Set(matches)
        }
        let hint = Suggestion.nearest(to: item, in: hosts + groups.keys.sorted() + ["all"]).map { " (did you mean '\($0)'?)" } ?? ""
        throw ShellUsageError("unknown host or group '\(item)'\(hint)")
    }

    static func isGlob(_ text: String) -> Bool {
        text.contains { "*?[".contains($0) }
    }
}

/// A usage error (exit status 2): the line is wrong, nothing was sent anywhere.
public struct ShellUsageError: Error, Sendable, Hashable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
