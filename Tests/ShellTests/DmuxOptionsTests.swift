import ArgumentParser
import Testing
@testable import Shell

/// The argv of `dmux …` through ArgumentParser and `DmuxOptions`: dmux's options come first,
/// every word from the first one that is not an option is the command's (or the script's),
/// and a mistake is one line.
@Suite struct DmuxOptionsTests {
    func parse(_ argv: [String]) throws -> DmuxOptions { try DmuxOptions.parse(argv) }

    func error(_ argv: [String]) -> String {
        do {
            _ = try parse(argv)
            return "parsed"
        } catch {
            #expect(DmuxOptions.exitCode(for: error) == .validationFailure, "\(argv)")
            return DmuxOptions.message(for: error)
        }
    }

    @Test func flagsAfterTheFirstWordBelongToTheCommand() throws {
        #expect(try parse(["ps", "-a"]).words == ["ps", "-a"])
        let options = try parse(["-e", "-H", "a=unix:///a", "logs", "-e", "-H", "x", "--help", "--version"])
        #expect(options.onErrorStop && options.hosts == ["a=unix:///a"] && !options.help && !options.showVersion)
        #expect(options.words == ["logs", "-e", "-H", "x", "--help", "--version"])
        #expect(try parse(["./deploy.dmux"]).words == ["./deploy.dmux"])
        #expect(try parse(["-c", "ps -a", "--norc"]).command == "ps -a")
        // ArgumentParser's own completion script is not dmux's to print: the words are the program's.
        #expect(try parse(["!tool", "--generate-completion-script", "bash"]).words == ["!tool", "--generate-completion-script", "bash"])
    }

    @Test func helpVersionAndTheEndOfOptions() throws {
        #expect(try parse(["-h"]).help && parse(["--help"]).help && parse(["-c", "ps", "--help"]).help)
        #expect(try parse(["--version"]).showVersion)
        #expect(try parse(["--", "ps", "-a"]).words == ["ps", "-a"])
        let twice = try parse(["--", "--", "x"]).words
        #expect(twice == ["--", "x"])
        #expect(try parse(["-c", "ps", "--", "x"]).words == ["x"])
    }

    @Test func mistakesAreOneLineNamingTheOption() {
        #expect(error(["--tlsverfy", "ps"]) == "Unknown option '--tlsverfy'")
        #expect(error(["-x"]) == "Unknown option '-x'")
        #expect(error(["-H"]) == "Missing value for '-H <[NAME=]URL>'")
        #expect(error(["--tls=false"]).contains("'--tls'"))
        for argv in [["--tlsverfy"], ["-H"], ["--color"], ["--tls=1"]] {
            #expect(!error(argv).contains("\n"), "\(argv): \(error(argv))")
        }
    }

    /// ArgumentParser's parse is quadratic in the number of words (SplitArguments.remove(at:) for
    /// every word it uses): a thousand `-H` cost 130 ms in a release build on a loaded 2-core
    /// machine (2000: 400 ms, 5000: 2.6 s), and ten times that in a debug build. Under the 200 ms a
    /// start may spend before connecting for 1000 engines, so no second walker splits them out.
    @Test func aThousandHostFlagsParseInOrderAndQuickly() throws {
        let hosts = (0..<1000).map { "h\($0)=tcp://10.0.0.\($0 % 250):2376" }
        let argv = hosts.flatMap { ["-H", $0] } + ["-c", "ping", "--tls"]
        let clock = ContinuousClock()
        var options = DmuxOptions()
        let elapsed = try clock.measure { options = try parse(argv) }
        #expect(options.hosts == hosts)
        #expect(options.command == "ping" && options.tls && options.words.isEmpty)
        #if DEBUG
        #expect(elapsed < .seconds(5), "\(elapsed)")
        #else
        #expect(elapsed < .milliseconds(200), "\(elapsed)")
        #endif
    }
}
