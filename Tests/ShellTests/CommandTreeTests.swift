import Testing
@testable import Shell

/// Walks the whole command tree and checks, node by node, that usage, help, completion and
/// parsing agree: every flag the help names parses (long and short), a missing or surplus
/// argument gives docker's arity error with the usage line, every subcommand and every flag
/// completes, and each argument position completes from its own source.
@Suite struct CommandTreeTests {
    let table = CommandTable.standard
    var parser: CommandLineParser { CommandLineParser(table) }
    var engine: CompletionEngine { CompletionEngine(commands: table) }

    /// The nodes whose words are their own (`__complete`, `!`'s program) are parsed, not flag-checked.
    var nodes: [(spec: CommandSpec, path: [String])] { table.allNodes.filter { !$0.spec.flagParsingDisabled } }

    func complete(_ words: [String], _ current: String) -> [String] {
        let request = engine.request(for: CompletionLine(words: words, current: current))
        return engine.candidates(for: request, catalog: CompletionEngineTests.Catalog())
    }

    /// `count` placeholder arguments.
    func arguments(_ count: Int) -> [String] { (0..<count).map { "a\($0)" } }

    @Test func everyFlagInTheHelpParsesLongAndShort() throws {
        for (spec, path) in nodes where !spec.isGroup {
            let help = UsageText.help(spec, path: path)
            let required = arguments(Arity(spec.arguments).minimum)
            for flag in spec.flags {
                #expect(help.contains("--\(flag.long)"), "help of \(path) lacks --\(flag.long)")
                let value = flag.takesValue ? ["v"] : []
                let long = try parser.parse(path + ["--\(flag.long)"] + value + required)
                #expect(long.arguments.values[flag.long] == [value.first ?? "true"] && long.arguments.positional == required,
                        "\(path) --\(flag.long)")
                #expect(long.path == path)
                if let short = flag.short {
                    let parsed = try parser.parse(path + ["-\(short)"] + value + required)
                    #expect(parsed.arguments.values[flag.long] == [value.first ?? "true"], "\(path) -\(short)")
                }
            }
        }
    }

    @Test func aMissingOrSurplusArgumentIsDockersArityErrorWithTheUsageLine() throws {
        var checked = 0
        for (spec, path) in nodes where !spec.isGroup {
            let arity = Arity(spec.arguments)
            let commandPath = UsageText.commandPath(path)
            let usage = "Usage:  " + UsageText.line(spec, path: path)
            _ = try parser.parse(path + arguments(arity.minimum))
            var wrong: [Int] = []
            if arity.minimum > 0 { wrong.append(arity.minimum - 1) }
            if let maximum = arity.maximum { wrong.append(maximum + 1) }
            for count in wrong {
                checked += 1
                do {
                    _ = try parser.parse(path + arguments(count))
                    Issue.record("\(path) took \(count) arguments")
                } catch {
                    #expect(error.description.hasPrefix("\"\(commandPath)\" ") && error.description.hasSuffix(usage), "\(error)")
                    #expect(!error.description.contains("\n"), "one line: \(error)")
                }
            }
        }
        #expect(checked > 40)
    }

    @Test func usageLinesNameTheRequiredArgumentsAndTheOptions() {
        for (spec, path) in nodes {
            let line = UsageText.line(spec, path: path)
            #expect(line.hasPrefix("dmux "), "\(line)")
            #expect(line.contains(path.last == "!" ? "!PROGRAM" : path.joined(separator: " ")), "\(line)")
            if spec.isGroup {
                #expect(line.hasSuffix(" COMMAND"), "\(line)")
            } else {
                for argument in spec.arguments { #expect(line.contains(argument.name), "\(line) lacks \(argument.name)") }
                #expect(line.contains("[OPTIONS]") == !spec.flags.isEmpty, "\(line)")
            }
            #expect(UsageText.help(spec, path: path).hasPrefix("Usage:  \(line)\n\n\(spec.summary)\n"))
        }
    }

    @Test func everyCommandSubcommandAndFlagCompletes() {
        let names = Set(complete([], ""))
        #expect(names == Set(table.names), "command names")
        for (spec, path) in nodes {
            if spec.isGroup {
                for subcommand in spec.subcommands {
                    let offered = complete(path, String(subcommand.name.prefix(1)))
                    #expect(offered.contains(subcommand.name), "\(path) \(subcommand.name): \(offered)")
                    #expect(UsageText.help(spec, path: path).contains("  \(subcommand.name) "), "help of \(path) lists \(subcommand.name)")
                }
                // A group's help is what the parser gives for the bare group, and for `help GROUP`.
                #expect((try? parser.parse(path))?.arguments.helpRequested == true, "\(path)")
                continue
            }
            let offered = Set(complete(path, "--"))
            #expect(offered == Set(spec.flags.map { "--\($0.long)" }), "\(path): \(offered)")
        }
    }

    @Test func eachArgumentPositionCompletesFromItsOwnSource() {
        for (spec, path) in nodes where !spec.isGroup {
            for (index, argument) in spec.arguments.enumerated() where argument.completion != .command || index == 0 {
                let (slot, _) = parser.slot(words: path + arguments(index), current: "")
                guard case .argument(let found) = slot else {
                    Issue.record("\(path) argument \(index) is \(slot)")
                    continue
                }
                #expect(found == argument, "\(path) argument \(index)")
            }
        }
    }

    /// The root is derived from ArgumentParser's declaration of dmux's options (`DmuxOptions`):
    /// every option ArgumentParser's own help page names is in the root, completes, is in
    /// `dmux --help`, and ArgumentParser parses it as the root says (with a value or without).
    @Test func everyArgumentParserOptionIsInTheRootCompletesAndIsInTheHelp() throws {
        let declared = Set(DmuxOptions.helpMessage(columns: 1000).matches(of: /--[a-z][a-z-]*/).map { String($0.output) })
        #expect(declared.count > 10 && declared == Set(table.root.flags.map { "--\($0.long)" }), "\(declared)")
        let help = HelpCommand.rootHelp(table)
        let offered = Set(CommandLineCompletionTests.candidates(["-"]))
        for flag in table.root.flags {
            #expect(help.contains("--\(flag.long)"))
            #expect(offered.contains("--\(flag.long)"))
            let value = flag.takesValue ? ["v"] : []
            let names = ["--\(flag.long)"] + (flag.short.map { ["-\($0)"] } ?? [])
            for name in names {
                let parsed = try DmuxOptions.parse([name] + value + ["ps", "-a"])
                #expect(parsed.words == ["ps", "-a"], "\(name) \(value)")
            }
        }
    }

    /// Each option's values complete from the source ArgumentParser's completion kind names.
    @Test func theRootsValuesCompleteFromTheDeclaredKinds() {
        let root = table.root
        #expect(root.flag(named: "host")?.completion == .host && root.flag(named: "H")?.repeatable == true)
        #expect(root.flag(named: "command")?.completion == .command)
        #expect(root.flag(named: "tlscacert")?.completion == .file && root.flag(named: "tlscacert")?.value == "file")
        #expect(root.flag(named: "color")?.completion == .values(["auto", "always", "never"]))
        #expect(root.flag(named: "format")?.completion == .values(["table", "lines", "grouped", "json"]))
        #expect(root.flag(named: "tls")?.takesValue == false && root.flag(named: "fanout")?.completion == CompletionSource.none)
        #expect(CommandLineCompletionTests.candidates(["--color", ""]) == ["always", "auto", "never"])
        #expect(CommandLineCompletionTests.candidates(["-H", "u"]) == ["unix://"])
        #expect(CommandLineCompletionTests.candidates(["-c", "ho"]) == ["hosts"])
        #expect(CommandLineCompletionTests.candidates(["--tlscacert", "/et"]) == ["/etc/"])
    }
}

/// `dmux __complete WORDS…` answered on the standard tree and a fixed catalog.
enum CommandLineCompletionTests {
    static func candidates(_ words: [String]) -> [String] {
        let catalog = CompletionEngineTests.Catalog()
        switch CommandLineCompletion.plan(words: words).plan {
        case .value(let flag, let typed, let prefix):
            return CommandLineCompletion.values(of: flag, typed: typed, catalog: catalog).map { prefix + $0 }
        case .line(let request, let prefix):
            return CompletionEngine(commands: .standard).candidates(for: request, catalog: catalog).map { prefix + $0 }
        }
    }
}
