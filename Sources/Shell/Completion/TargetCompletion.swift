/// Candidates for an `@` target expression: the last comma-separated item is completed from
/// hosts, groups and `all` (keeping a `!` exclusion), the items before it are kept as typed.
enum TargetCompletion {
    static func candidates(for word: String, hosts: [String], groups: [String]) -> [String] {
        guard word.hasPrefix("@") else { return [] }
        let expression = word.dropFirst()
        let head = expression.lastIndex(of: ",").map { String(expression[...$0]) } ?? ""
        var item = String(expression.dropFirst(head.count))
        var negation = ""
        if item.hasPrefix("!") {
            negation = "!"
            item.removeFirst()
        }
        let listed = Set(head.split(separator: ",").map { String($0.drop { $0 == "!" }) })
        let names = (["all"] + hosts + groups).filter { $0.hasPrefix(item) && !listed.contains($0) }
        var seen = Set<String>()
        return names.filter { seen.insert($0).inserted }.sorted().map { "@" + head + negation + $0 }
    }
}
