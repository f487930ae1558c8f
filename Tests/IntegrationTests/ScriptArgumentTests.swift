import Core
import Foundation
import Testing
import TestSupport

/// `dmux WORD`: a command name always means the command; a script is a word with a `/` or a
/// `.dmux` suffix (issue 12, item 5). Run from a folder holding a file `help` and a folder `images`.
@Suite struct ScriptArgumentTests {
    /// Runs dmux in `folder` (through `sh -c 'cd …'`, as a user would type it there).
    private func run(in folder: String, _ arguments: [String]) throws -> ProcessResult {
        let quoted = ([Dmux.binary] + arguments).map(ShellWord.quotedForPOSIXShell)
        return try ChildProcess.run(["/bin/sh", "-c", "cd '\(folder)' && exec " + quoted.joined(separator: " ")],
                                    environment: try Dmux.environment([:]), timeout: 30)
    }

    private func folder() throws -> String {
        let path = NSTemporaryDirectory() + "dmux-cwd-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path + "/images", withIntermediateDirectories: true)
        // A script that would say so if it ran instead of the command.
        try "set timeout 41s\nset timeout\n".write(toFile: path + "/help", atomically: true, encoding: .utf8)
        try "set timeout 41s\nset timeout\n".write(toFile: path + "/nightly.dmux", atomically: true, encoding: .utf8)
        return path
    }

    @Test func aCommandNameIsTheCommandEvenWhenAFileHasItsName() throws {
        let cwd = try folder()
        defer { try? FileManager.default.removeItem(atPath: cwd) }
        let help = try run(in: cwd, ["help"])
        #expect(help.status == 0, "\(help)")
        #expect(help.stdout.contains("reconnect") && !help.stdout.contains("timeout 41s"), "the file ran: \(help)")
        // A directory named like a command does not swallow it either.
        let images = try run(in: cwd, ["images", "--help"])
        #expect(images.status == 0 && images.stdout.contains("Usage:"), "\(images)")
    }

    @Test func aPathOrADotDmuxNameIsAScript() throws {
        let cwd = try folder()
        defer { try? FileManager.default.removeItem(atPath: cwd) }
        for word in ["./help", cwd + "/help", "nightly.dmux"] {
            let result = try run(in: cwd, [word])
            #expect(result.status == 0 && result.lines == ["timeout 41s"], "\(word): \(result)")
        }
    }

    @Test func aDirectoryOrAMissingScriptIsAUsageError() throws {
        let cwd = try folder()
        defer { try? FileManager.default.removeItem(atPath: cwd) }
        let directory = try run(in: cwd, ["images/"])
        #expect(directory.status == 2 && directory.stdout == "", "\(directory)")
        #expect(directory.stderr == "dmux: images/: is a directory, not a script\n", "\(directory)")
        let missing = try run(in: cwd, ["missing.dmux"])
        #expect(missing.status == 2, "\(missing)")
        #expect(missing.stderr == "dmux: missing.dmux: cannot read script: No such file or directory\n", "\(missing)")
        let extra = try run(in: cwd, ["./help", "ps"])
        #expect(extra.status == 2 && extra.stderr == "dmux: ./help: a script takes no arguments (got 'ps')\n", "\(extra)")
    }

    @Test func theRuleIsInTheHelp() throws {
        let help = try Dmux.run(["--help"])
        #expect(help.stdout.contains("A first word holding a '/' or ending in .dmux is a script file"), "\(help)")
    }
}
