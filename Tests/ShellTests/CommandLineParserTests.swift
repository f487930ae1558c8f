import Testing
@testable import Shell

/// The one parser, strict and lenient, on the standard tree: docker's (pflag's) flag rules, the
/// `@TARGETS` and `!PROGRAM` prefixes, the walk to a subcommand, and its words for mistakes.
@Suite struct CommandLineParserTests {
    let parser = CommandLineParser(.standard)

    func parse(_ line: String) throws(ShellUsageError) -> ParsedCommand {
        try parser.parse(line.split(separator: " ").map(String.init))
    }

    func error(_ line: String) -> String {
        do {
            _ = try parse(line)
            return "parsed"
        } catch {
            return error.description
        }
    }

    @Test func flagsFollowPflag() throws {
        let clustered = try parse("ps -aq")
        #expect(clustered.arguments.isOn("all") && clustered.arguments.isOn("quiet"))
        for line in ["logs -n5 web", "logs -n=5 web", "logs --tail=5 web", "logs --tail 5 web", "logs web --tail 5", "logs -fn 5 web"] {
            let parsed = try parse(line)
            #expect(parsed.arguments.value("tail") == "5" && parsed.arguments.positional == ["web"], "\(line)")
        }
        #expect(try parse("logs -- -web").arguments.positional == ["-web"])
        let filters = try parse("ps -f name=a --filter label=b")
        #expect(filters.arguments.all("filter") == ["name=a", "label=b"])
        // Docker's SetInterspersed(false): after the image, the words are the container's.
        let run = try parse("run -d img sh -c -x")
        #expect(run.arguments.isOn("detach") && run.arguments.positional == ["img", "sh", "-c", "-x"])
    }

    @Test func targetsPassthroughAndSubcommands() throws {
        let targeted = try parse("@m1,m2 ps -a")
        #expect(targeted.target == "m1,m2" && targeted.path == ["ps"])
        let program = try parse("!docker ps --help")
        #expect(program.path == ["!"] && program.arguments.positional == ["docker", "ps", "--help"] && !program.arguments.helpRequested)
        let list = try parse("container ps -a")
        #expect(list.path == ["container", "ls"] && list.spec.name == "ls" && list.arguments.isOn("all"))
        #expect(list.commandPath == "dmux container ls")
        let ssh = try parse("machine ssh m1 ls -la")
        #expect(ssh.path == ["machine", "ssh"] && ssh.arguments.positional == ["m1", "ls", "-la"])
        let complete = try parse("__complete --color n")
        #expect(complete.arguments.positional == ["--color", "n"])
    }

    @Test func helpIsAskedForByFlagOrByABareGroup() throws {
        #expect(try parse("ps --help").arguments.helpRequested)
        #expect(try parse("ps -h").arguments.helpRequested)
        #expect(try parse("network").arguments.helpRequested)
        #expect(try parse("machine --help").arguments.helpRequested)
        #expect(try parse("machine create --help").path == ["machine", "create"])
    }

    @Test func mistakesAreOneLineNamingTheToken() {
        #expect(error("logs --tail") == "flag needs an argument: --tail (see 'dmux logs --help')")
        #expect(error("logs -n") == "flag needs an argument: 'n' in -n (see 'dmux logs --help')")
        #expect(error("ps -x") == "unknown shorthand flag: 'x' in -x (see 'dmux ps --help')")
        #expect(error("ps --fitler a") == "unknown flag: --fitler (did you mean --filter?) (see 'dmux ps --help')")
        // Each machine subcommand has only its own flags.
        #expect(error("machine rm c1 --url x") == "unknown flag: --url (see 'dmux machine rm --help')")
        #expect(error("machine lss") == "unknown command 'machine lss' (did you mean 'machine ls'?) (see 'dmux machine --help')")
        #expect(error("nosuch") == "unknown command 'nosuch'; try 'help'")
        #expect(error("@m1") == "missing command after '@m1'")
        #expect(error("tag a") == "\"dmux tag\" requires exactly 2 arguments. See 'dmux tag --help'. Usage:  dmux [@TARGETS] tag [OPTIONS] SOURCE_IMAGE TARGET_IMAGE")
        #expect(error("images a b").hasPrefix("\"dmux images\" requires at most 1 argument."))
        #expect(error("volume ls x").hasPrefix("\"dmux volume ls\" accepts no arguments."))
        #expect(error("api GET").hasPrefix("\"dmux api\" requires at least 2 and at most 3 arguments."))
    }

    @Test func theLenientWalkSaysWhatTheCursorIsOn() {
        func slot(_ words: String, _ current: String = "") -> String {
            "\(parser.slot(words: words.split(separator: " ").map(String.init), current: current).slot)"
        }
        #expect(slot("").hasPrefix("command"))
        #expect(slot("", "@m").hasPrefix("target"))
        #expect(slot("logs --tail").contains("flagValue") && slot("logs --tail").contains("\"tail\""))
        #expect(slot("ps", "--format=").contains("prefix: \"--format=\""))
        #expect(slot("machine").hasPrefix("subcommand"))
        #expect(slot("@m1 container logs").contains("argument") && slot("container logs").contains("CONTAINER"))
        #expect(slot("run img", "-").contains("\"COMMAND\""))
        #expect(slot("machine foo") == "nothing")
        #expect(slot("ps --bogus -a", "--").hasPrefix("flagName"))
    }
}
