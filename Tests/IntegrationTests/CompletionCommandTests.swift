import Foundation
import Testing
import TestSupport

/// `dmux completion SHELL` and `dmux __complete` through the real binary, and the committed
/// scripts under a real bash (with bash-completion), fish and zsh.
@Suite struct CompletionCommandTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func committedScriptsAreWhatTheBinaryPrints() throws {
        for (shell, file) in [("bash", "dmux.bash"), ("zsh", "_dmux"), ("fish", "dmux.fish")] {
            let printed = try Dmux.run(["completion", shell])
            #expect(printed.status == 0, "\(printed)")
            let committed = try String(contentsOf: Self.repository.appendingPathComponent("completions/\(file)"), encoding: .utf8)
            #expect(printed.stdout == committed, "completions/\(file) differs from `dmux completion \(shell)`")
        }
    }

    /// `dmux --help` and the completion scripts both come from the root of the command tree: they
    /// must name the same options.
    @Test func completedOptionsAreTheOptionsDmuxAccepts() throws {
        let help = try Dmux.run(["--help"])
        let accepted = Set(help.stdout.matches(of: /--[a-z][a-z-]*/).map { String($0.output) })
        let bash = try Dmux.run(["completion", "bash"]).lines.first { $0.hasPrefix("# Options: ") } ?? ""
        let completed = Set(bash.dropFirst("# Options: ".count).split(separator: " ").map(String.init))
        #expect(accepted.count > 10 && accepted == completed, "only in --help: \(accepted.subtracting(completed)); only completed: \(completed.subtracting(accepted))")
    }

    @Test func hostsFromFlagsAndTheMachineStoreQuietlyAndFastEvenWithADeadHost() throws {
        let environment = [
            "MACHINE_STORAGE_PATH": try Fleet.machineStore,
            // A broken DOCKER_HOST setup makes discovery complain; __complete must stay quiet.
            "DOCKER_HOST": "bogus://x",
        ]
        let started = Date()
        let result = try Dmux.run(["__complete", "-H", "u1=\(try Fleet.unix1)", "-H", "dead=tcp://10.255.255.1:2376", "@"],
                                  environment: environment)
        let elapsed = Date().timeIntervalSince(started)
        #expect(result.status == 0 && result.stderr.isEmpty, "\(result)")
        #expect(Set(result.lines).isSuperset(of: ["@all", "@u1", "@dead", "@tls1", "@tls2"]), "\(result)")
        #expect(elapsed < 2, "__complete took \(elapsed)s")
    }

    @Test func flagsValuesAndTheDashCLine() throws {
        #expect(try Dmux.run(["__complete", "--col"]).lines == ["--color"])
        #expect(try Dmux.run(["__complete", "--color", "n"]).lines == ["never"])
        #expect(try Dmux.run(["__complete", "-c", "'set fanout 3; he"]).lines == ["'set fanout 3; help"])
        #expect(try Dmux.run(["__complete", "help", "ho"]).lines == ["hosts"])
        // Hidden: never offered, never in help.
        #expect(!(try Dmux.run(["__complete", ""]).lines.contains("__complete")))
        #expect(!(try Dmux.run(["-c", "help"]).stdout.contains("__complete")))
    }

    /// Runs `program` under `shell` with the built dmux first on PATH and the fleet's machine store.
    static func inShell(_ shell: [String], _ program: String) throws -> [String] {
        let binary = URL(fileURLWithPath: Dmux.binary).deletingLastPathComponent().path
        let result = try ChildProcess.run(shell + [program], environment: [
            "PATH": "\(binary):/usr/bin:/bin", "HOME": try Dmux.temporaryHome(), "DMUX_RC": "/dev/null",
            "MACHINE_STORAGE_PATH": try Fleet.machineStore,
        ], timeout: 30)
        #expect(result.stderr.isEmpty, "\(shell[0]): \(result.stderr)")
        return result.lines.filter { !$0.isEmpty }
    }

    /// The committed bash script in a real bash with bash-completion, the way a user's shell runs it.
    @Test func bashCompletesFlagsHostsAndCommands() throws {
        let script = Self.repository.appendingPathComponent("completions/dmux.bash").path
        func complete(_ line: String) throws -> [String] {
            let program = """
                source /usr/share/bash-completion/bash_completion
                source '\(script)'
                COMP_LINE='\(line)'; COMP_POINT=${#COMP_LINE}
                read -ra COMP_WORDS <<< "$COMP_LINE"; [[ $COMP_LINE == *' ' ]] && COMP_WORDS+=('')
                COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
                _dmux dmux "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
                printf '%s\\n' "${COMPREPLY[@]}"
                """
            return try Self.inShell(["/bin/bash", "-c"], program)
        }
        #expect(try complete("dmux --no-t") == ["--no-tlsverify"])
        #expect(try complete("dmux @tl").sorted() == ["@tls1", "@tls2"])
        #expect(try complete("dmux -H u1=\(try Fleet.unix1) use u").sorted() == ["u1"])
        #expect(try complete("dmux --format=js") == ["json"])  // bash keeps the text before '='
        #expect(try complete("dmux completion ").sorted() == ["bash", "fish", "zsh"])
        #expect(try complete("dmux machine cr") == ["create"])
        #expect(try complete("dmux @tls1 container l").sorted() == ["list", "logs", "ls"])
        #expect(try complete("dmux machine create --s") == ["--san"])
    }

    /// The committed fish script in a real fish: `complete -C` asks it as a Tab would.
    @Test func fishCompletesFlagsHostsAndCommands() throws {
        let script = Self.repository.appendingPathComponent("completions/dmux.fish").path
        func complete(_ line: String) throws -> [String] {
            try Self.inShell(["/usr/bin/fish", "--no-config", "-c"], "source '\(script)'; complete -C '\(line)'")
                .map { String($0.split(separator: "\t").first ?? "") }
        }
        #expect(try complete("dmux --no-t") == ["--no-tlsverify"])
        #expect(try complete("dmux @tl").sorted() == ["@tls1", "@tls2"])
        #expect(try complete("dmux -H u1=\(try Fleet.unix1) use u").sorted() == ["u1"])
        #expect(try complete("dmux completion ").sorted() == ["bash", "fish", "zsh"])
        #expect(try complete("dmux network ").sorted() == ["connect", "create", "disconnect", "inspect", "list", "ls", "prune", "remove", "rm"])
    }

    /// The committed zsh script in a real zsh. Outside a Tab zsh has no completion widgets, so
    /// `compadd` prints what it is given and `words`/`CURRENT`/`PREFIX` are set as a Tab sets them.
    @Test func zshCompletesFlagsHostsAndCommands() throws {
        let script = Self.repository.appendingPathComponent("completions/_dmux").path
        func complete(_ words: [String]) throws -> [String] {
            let quoted = words.map { "'" + $0 + "'" }.joined(separator: " ")
            let program = """
                compadd() { local take=0 a; for a in "$@"; do if (( take )); then print -r -- "$a"; elif [[ $a == -- ]]; then take=1; fi; done }
                compdef() { }
                source '\(script)'
                words=(\(quoted)); CURRENT=${#words}; PREFIX=${words[CURRENT]}
                _dmux
                """
            return try Self.inShell(["/usr/bin/zsh", "-f", "-c"], program)
        }
        #expect(try complete(["dmux", "--no-t"]) == ["--no-tlsverify"])
        #expect(try complete(["dmux", "@tl"]).sorted() == ["@tls1", "@tls2"])
        #expect(try complete(["dmux", "-H", "u1=\(try Fleet.unix1)", "use", "u"]).sorted() == ["u1"])
        #expect(try complete(["dmux", "completion", ""]).sorted() == ["bash", "fish", "zsh"])
        #expect(try complete(["dmux", "help", "machine", "s"]).sorted() == ["scp", "ssh", "status"])
    }
}
