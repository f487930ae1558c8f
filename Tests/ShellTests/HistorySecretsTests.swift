import Testing

@testable import Shell

/// Which REPL lines never reach the history file.
@Suite struct HistorySecretsTests {
    @Test(arguments: [
        "!docker login -p hunter2 registry.local",
        "!docker login -phunter2 registry.local",
        "!docker login -u me -phunter2",
        "!docker login --password hunter2",
        "!docker login --password=hunter2",
        "connect x unix:///nowhere --password hunter2",
    ])
    func secretsAreKeptOutOfTheHistoryFile(line: String) {
        #expect(InteractiveRunner.isSensitive(line))
    }

    @Test(arguments: ["ps -a", "run -p 8080:80 nginx", "!docker ps", "top -p 1"])
    func ordinaryLinesAreKept(line: String) {
        #expect(!InteractiveRunner.isSensitive(line))
    }
}
