import Testing
@testable import DockerAPI

/// `.dockerignore` matching as moby/patternmatcher does it (`MatchesOrParentMatches`).
@Suite struct DockerIgnoreTests {
    func ignore(_ text: String) throws -> DockerIgnore { try DockerIgnore(fileText: text) }

    @Test(arguments: [
        ("*.txt", "a.txt", true), ("*.txt", "dir/a.txt", false), ("**/*.txt", "dir/sub/a.txt", true),
        ("**/*.txt", "a.txt", true), ("dir", "dir/sub/file", true), ("dir/*", "dir/file", true),
        ("d?r", "dir", true), ("d?r", "d/r", false), ("/abs/path", "abs/path", true), ("./x/../y", "y", true),
        ("a.b", "axb", false), ("file[0-9]", "file5", true), ("**", "anything/at/all", true),
        ("# comment\n\n  spaced.txt  ", "spaced.txt", true), ("dir/", "dir/x", true),
    ])
    func patternsMatchAsDockersMatcherDoes(pattern: String, path: String, excluded: Bool) throws {
        #expect(try ignore(pattern).excludes(path) == excluded)
    }

    @Test func theLastMatchingPatternWinsAndExceptionsBringFilesBack() throws {
        let rules = try ignore("*.md\n!README.md\nREADME*.md\n!README-keep.md")
        #expect(rules.excludes("notes.md"))
        #expect(rules.excludes("README.md"))
        #expect(!rules.excludes("README-keep.md"))
        #expect(!rules.excludes("main.go"))
    }

    @Test func anExcludedFolderIsWalkedOnlyWhenAnExceptionPointsInside() throws {
        let rules = try ignore("skip\n!skip/back")
        #expect(rules.excludes("skip") && rules.excludes("skip/b"))
        #expect(!rules.excludes("skip/back") && !rules.excludes("skip/back/c"))
        #expect(rules.mayIncludeSomethingInside("skip"))
        #expect(!(try ignore("skip")).mayIncludeSomethingInside("skip"))
    }

    @Test func theDockerfileAndDockerignoreAreKept() throws {
        var rules = try ignore("*\n")
        try rules.keep([".dockerignore", "build/Dockerfile"])
        #expect(!rules.excludes(".dockerignore") && !rules.excludes("build/Dockerfile"))
        #expect(rules.excludes("build/other"))
    }

    @Test func aLoneBangIsRefused() {
        #expect(throws: DockerIgnoreError.self) { try DockerIgnore(lines: ["!"]) }
    }

    @Test(arguments: [("a//b/./c/..", "a/b"), ("/../x", "/x"), ("../x", "../x"), ("", "."), ("x/", "x")])
    func pathsAreCleanedAsGoCleansThem(path: String, cleaned: String) {
        #expect(GoPathClean.clean(path) == cleaned)
    }
}
