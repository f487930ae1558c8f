import ArgumentParser
import Testing
@testable import Shell

/// ArgumentParser's description of a command (`_dumpHelp()`) read into the tree's flags, on a
/// declaration with every completion kind.
@Suite struct ToolInfoFlagsTests {
    struct Sample: ParsableCommand {
        @Option(name: [.customShort("n"), .customLong("name")], help: ArgumentHelp("A name", valueName: "NAME"),
                completion: .list(["a", "b"]))
        var names: [String] = []
        @Option(help: "A certificate", completion: .file(extensions: ["pem"])) var cert: String?
        @Option(help: "A folder", completion: .directory) var folder: String?
        @Option(help: "A target", completion: .custom { _, _, _ in [] }) var target: String?
        @Option(help: "A word", completion: .shellCommand("ls")) var word: String?
        @Option var plain: Int?
        @Argument var rest: [String] = []
    }

    @Test func everyOptionWithItsNamesValueHelpAndCompletion() {
        let flags = ToolInfoFlags.flags(of: Sample.self, custom: ["target": .host])
        #expect(flags == [
            FlagSpec("name", short: "n", value: "NAME", repeatable: true, help: "A name", completion: .values(["a", "b"])),
            FlagSpec("cert", value: "cert", help: "A certificate", completion: .file),
            FlagSpec("folder", value: "folder", help: "A folder", completion: .directory),
            FlagSpec("target", value: "target", help: "A target", completion: .host),
            FlagSpec("word", value: "word", help: "A word"),
            FlagSpec("plain", value: "plain", help: ""),
            FlagSpec("help", short: "h", help: "Show help information."),
        ])
    }

    @Test func aCustomKindWithoutASourceOrAnOptionWithoutALongNameIsRefused() {
        #expect(throws: ToolInfoFlags.UnreadableToolInfo.self) {
            try ToolInfoFlags.flags(toolInfo: Sample._dumpHelp(), custom: [:])
        }
        #expect(throws: ToolInfoFlags.UnreadableToolInfo.self) {
            try ToolInfoFlags.flags(toolInfo: #"{"command": {"arguments": [{"kind": "flag", "names": [{"kind": "short", "name": "q"}]}]}}"#, custom: [:])
        }
        #expect(throws: ToolInfoFlags.UnreadableToolInfo.self) {
            try ToolInfoFlags.flags(toolInfo: "{", custom: [:])
        }
    }
}
