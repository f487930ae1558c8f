/// Where completion candidates for a word come from.
public enum CompletionSource: Sendable, Hashable {
    case none
    case command
    case target
    case host
    case group
    case container
    case image
    case machine
    case context
    case file
    case directory
    case shell
    case values([String])
}

/// How a command's results are shown.
public enum OutputShape: String, Sendable, Hashable, CaseIterable {
    case table, lines, grouped, json
}
