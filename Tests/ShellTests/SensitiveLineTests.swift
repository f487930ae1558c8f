import Testing
@testable import Shell

/// A line that carries a password stays out of the history file.
@Suite struct SensitiveLineTests {
    @Test(arguments: [
        "login 127.0.0.1:5000 -u me -p s3cret", "@all login r --username me --password s3cret",
        "login r -u me --password=s3cret", "login r -u me --password-stdin",
    ])
    func loginLinesWithAPasswordAreSensitive(line: String) {
        #expect(InteractiveRunner.isSensitive(line))
    }

    @Test(arguments: ["login r", "logout r", "push 127.0.0.1:5000/app:1", "ps -a", "image copy app --from u1"])
    func otherLinesAreKept(line: String) {
        #expect(!InteractiveRunner.isSensitive(line))
    }
}
