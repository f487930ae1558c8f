import FanOut

/// Everything a command's `run` gets: its parsed words, its target hosts, where to report, and
/// the shell it runs in.
public struct Invocation: Sendable {
    public let shell: Shell
    public let command: CommandSpec
    /// The words that named the command (`["container", "ls"]`), for messages that name it.
    public var path: [String] = []
    public let arguments: ParsedArguments
    public let targets: [HostSession]
    public let presenter: Presenter
    public let fanOut: FanOut
    /// The Go template given to `--format`, when it was not a shape name.
    public let template: String?

    public var settings: ShellSettings { shell.settings }
    public var console: Console { shell.console }

    /// Runs `operation` on every target concurrently, reporting each failure to the presenter;
    /// `timeout` overrides the per-host timeout (nil: no limit, for streams).
    public func eachHost<Value: Sendable>(
        timeout: Duration?? = .none,
        _ operation: @escaping @Sendable (HostSession) async throws -> Value,
        onSuccess: (HostSession, Value) async -> Void = { _, _ in }
    ) async {
        var runner = fanOut
        if case .some(let override) = timeout { runner.timeout = override }
        let hosts = targets
        let presenter = self.presenter
        await runner.run(on: hosts, operation) { index, outcome in
            switch outcome {
            case .success(let value): await onSuccess(hosts[index], value)
            case .failure(let failure) where failure.kind == .cancelled:
                break  // the user pressed Ctrl-C: the interrupt itself is the report
            case .failure(let failure): presenter.failure(failure)
            }
        }
    }

    /// The positional arguments, at least `count` of them. The parser checks every command's
    /// arity from its `ArgumentSpec`s already; this is for a count the tree cannot state.
    public func requireArguments(_ count: Int, _ what: String) throws(ShellUsageError) -> [String] {
        guard arguments.positional.count >= count else {
            let path = UsageText.commandPath(self.path.isEmpty ? [command.name] : self.path)
            throw ShellUsageError("\"\(path)\" requires at least \(count) argument\(count == 1 ? "" : "s") (\(what)). See '\(path) --help'.")
        }
        return arguments.positional
    }
}
