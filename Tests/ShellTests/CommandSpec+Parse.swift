@testable import Shell

extension CommandSpec {
    /// The words after this command's name, through the one parser (in a tree of this command alone).
    func parse(_ words: [String]) throws -> ParsedArguments {
        try CommandLineParser(CommandTable([self])).parse([name] + words).arguments
    }
}
