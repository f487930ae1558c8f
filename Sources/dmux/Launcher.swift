import Core
import Endpoints
import Foundation
import LineEditor
import NIOPosix
import Shell

/// Builds the shell from the command line and the environment, then runs the chosen mode.
struct Launcher {
    /// dmux's options as ArgumentParser parsed them; `words` is a script alone, or one command
    /// line (`dmux ps -a`).
    let options: DmuxOptions

    func run() async -> ExitStatus {
        DescriptorLimit.raiseToHardLimit()
        let environment = ProcessInfo.processInfo.environment
        var settings = ShellSettings()
        settings.stopOnError = options.onErrorStop
        do throws(ShellUsageError) {
            // The same words and checks as the shell's `set NAME VALUE`.
            for (name, value) in [("color", options.color), ("format", options.format), ("fanout", options.fanout),
                                  ("timeout", options.timeout)] {
                if let value { try settings.set(name, to: value) }
            }
        } catch {
            return usage(error.description)
        }
        let colorMode = settings.color

        let console = StandardConsole(color: colorMode)
        var discoveryOptions = DiscoveryOptions.processDefaults(hostFlags: options.hosts)
        discoveryOptions.tls = options.tls
        // `--no-tlsverify` wins over `--tlsverify`; neither: the environment decides.
        discoveryOptions.tlsVerify = options.noTLSVerify ? false : options.tlsVerify ? true : nil
        discoveryOptions.tlsCACert = options.tlsCACert
        discoveryOptions.tlsCert = options.tlsCert
        discoveryOptions.tlsKey = options.tlsKey
        let discovery = EndpointDiscovery.discover(discoveryOptions)
        // `__complete` runs under a login shell's Tab: quiet, no rc file, only the hosts it needs.
        let completing = options.command == nil && options.words.first == "__complete"
        if !completing, !discovery.usageErrors.isEmpty {
            for diagnostic in discovery.diagnostics + discovery.usageErrors { console.err("\(diagnostic)\n") }
            return .usage
        }
        if !completing {
            for diagnostic in discovery.diagnostics { console.err("\(diagnostic)\n") }
        }

        let group = MultiThreadedEventLoopGroup.singleton
        let registry = HostRegistry(group: group)
        for endpoint in discovery.endpoints {
            do {
                try registry.add(endpoint, connectTimeout: settings.timeout)
            } catch {
                console.err("\(error)".escapingControlCharacters + "\n")
            }
        }
        let shell = Shell(registry: registry, console: console, settings: settings, environment: environment)
        // Connect to every engine in the background, `fanout` at a time (a 5000-engine fleet must not
        // open 5000 sockets at once): the first command waits only for its own hosts.
        if !completing {
            Task { [settings] in await registry.connectAll(fanout: settings.fanout) }
        }

        let interactive = options.command == nil && options.words.isEmpty && isatty(0) == 1
        InterruptMonitor.shared.install()
        if !options.noRC && !completing, let status = await runRCFile(shell, environment: environment) {
            if status == .interrupted {
                // Ctrl-C stopped the rc file: the REPL still starts; a batch stops as it would at any line.
                if !interactive { return status }
                console.err("^C rc file interrupted\n")
            } else if status == .usage && !interactive {
                return status
            }
        }

        if let command = options.command {
            let lines = command.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            return await BatchRunner(shell: shell, numberLines: false)
                .run(ScriptedLineSource(lines: lines), interrupts: .shared)
        }
        if let script = options.words.first, !completing, ScriptArgument.isScript(script) {
            switch ScriptArgument.open(script, arguments: options.words.dropFirst()) {
            case .success(let handle):
                return await BatchRunner(shell: shell, name: script)
                    .run(StreamLineSource(fileHandle: handle), interrupts: .shared)
            case .failure(let error):
                return usage(error.message)
            }
        }
        if !options.words.isEmpty {
            // One command, its words as the login shell split them: nothing to quote or split again.
            return await BatchRunner(shell: shell, numberLines: false).run(words: options.words, interrupts: .shared)
        }
        if interactive {
            return await InteractiveRunner(shell: shell, environment: environment).run()
        }
        return await BatchRunner(shell: shell).run(StreamLineSource(fileDescriptor: 0), interrupts: .shared)
    }

    /// Runs `$DMUX_RC`, else `$XDG_CONFIG_HOME/dmux/dmuxrc` (`~/.config/dmux/dmuxrc`), if it exists.
    /// Ctrl-C cancels its current command on every host and ends it (a `connect` to a dead address
    /// or a `!` that waits must not hold the start).
    private func runRCFile(_ shell: Shell, environment: [String: String]) async -> ExitStatus? {
        let home = environment["HOME"] ?? NSHomeDirectory()
        let path = environment["DMUX_RC"].flatMap { $0.isEmpty ? nil : $0 }
            ?? "\(environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? home + "/.config")/dmux/dmuxrc"
        // `DMUX_RC=/dev/null` is how scripts and tests say "no rc file" (as with BASH_ENV).
        if path == "/dev/null" { return nil }
        // Read whole through RegularFile: an rc file that is a FIFO or a device hung start-up.
        let contents: [UInt8]
        do throws(RegularFile.ReadError) {
            contents = try RegularFile.read(path)
        } catch {
            if error.code != ENOENT { FileHandle.standardError.write(Data("dmux: rc file skipped: \(error)\n".utf8)) }
            return nil
        }
        return await BatchRunner(shell: shell, name: path).run(ScriptedLineSource(contents: contents), interrupts: .shared)
    }

    private func usage(_ message: String) -> ExitStatus {
        FileHandle.standardError.write(Data("dmux: \(message)\n".utf8))
        return .usage
    }
}
