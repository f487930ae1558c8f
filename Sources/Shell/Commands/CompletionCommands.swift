import Endpoints
import Foundation

/// `completion bash|zsh|fish` prints the login-shell script; the hidden `__complete WORDS…` is what
/// that script calls: one candidate per line for the last word of a `dmux …` command line.
enum CompletionCommands {
    static let all: [CommandSpec] = [completion, complete]

    static let completion = CommandSpec(
        name: "completion", summary: "Print the bash, zsh or fish completion script for dmux", scope: .shell,
        arguments: [ArgumentSpec("SHELL", completion: .values(CompletionScript.Kind.allCases.map(\.rawValue)))]
    ) { invocation in
        let words = invocation.arguments.positional
        guard let kind = CompletionScript.Kind(rawValue: words[0]) else {
            throw ShellUsageError("unknown shell '\(words[0])': bash, zsh or fish")
        }
        invocation.console.out(CompletionScript.text(kind, commands: invocation.shell.commands))
    }

    /// Never prints errors: a login shell shows whatever it gets. Hosts it cannot reach within the
    /// live cache's deadline just contribute no names.
    static let complete = CommandSpec(
        name: "__complete", summary: "Completion candidates for a dmux command line (used by the completion scripts)",
        scope: .shell,
        arguments: [ArgumentSpec("WORDS", repeats: true, optional: true)],
        // The words are the user's, flags included: take them as typed, not as our own flags.
        flagParsingDisabled: true
    ) { invocation in
        let shell = invocation.shell
        let (plan, hostFlags) = CommandLineCompletion.plan(words: invocation.arguments.positional, table: shell.commands)
        addHosts(hostFlags, to: shell)
        let started = ContinuousClock.now
        let completion = ShellCompletion(shell: shell)
        let candidates: [String]
        switch plan {
        case .value(let flag, let typed, let prefix):
            let catalog = ShellCompletion.Catalog(shell: shell, cache: completion.cache, mode: .cachedOnly)
            candidates = CommandLineCompletion.values(of: flag, typed: typed, catalog: catalog).map { prefix + $0 }
        case .line(let request, let prefix):
            // Only a command line can need live names: a dmux option's value never touches the cache file.
            let disk = CompletionDiskCache(environment: shell.environment, home: shell.environment["HOME"] ?? NSHomeDirectory())
            let previous = disk.seed(completion.cache, for: shell.registry.sessions)
            candidates = await completion.completionsFetchingLive(request).map { prefix + $0 }
            disk.store(completion.cache, for: shell.registry.sessions, since: started, previous: previous)
        }
        invocation.console.out(candidates.map { $0 + "\n" }.joined())
    }

    /// `-H` values on the line being completed name hosts the user will target: add them quietly.
    private static func addHosts(_ values: [String], to shell: Shell) {
        guard !values.isEmpty else { return }
        var options = DiscoveryOptions.processDefaults(hostFlags: values)
        options.includeMachines = false
        options.includeContexts = false
        for endpoint in EndpointDiscovery.discover(options).endpoints where shell.registry.session(named: endpoint.name) == nil {
            _ = try? shell.registry.add(endpoint, connectTimeout: .milliseconds(300))
        }
    }
}
