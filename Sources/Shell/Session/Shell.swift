import Endpoints
import FanOut
import NIOConcurrencyHelpers
import Transport

/// The shell: one language for the REPL, batch scripts, `-c` and the rc file. It parses a line,
/// resolves its targets, runs the command on them and returns the line's exit status.
public final class Shell: Sendable {
    public let registry: HostRegistry
    public let console: Console
    public let commands: CommandTable
    /// The process environment, for `connect` (cert paths) and `!` passthrough.
    public let environment: [String: String]
    private let state: NIOLockedValueBox<State>

    private struct State {
        var settings: ShellSettings
        var stickyTarget: String?
        var exitRequested: ExitStatus?
        var jobs: [Task<ExitStatus, Never>] = []
    }

    public init(
        registry: HostRegistry,
        console: Console,
        settings: ShellSettings,
        environment: [String: String],
        commands: CommandTable = .standard
    ) {
        self.registry = registry
        self.console = console
        self.commands = commands
        self.environment = environment
        self.state = NIOLockedValueBox(State(settings: settings))
    }

    public var settings: ShellSettings { state.withLockedValue { $0.settings } }
    /// Applies `change` to a copy and stores it only if it succeeded.
    public func updateSettings(_ change: (inout ShellSettings) throws(ShellUsageError) -> Void) throws(ShellUsageError) {
        var settings = self.settings
        try change(&settings)
        state.withLockedValue { [settings] in $0.settings = settings }
    }

    /// The `use` target expression, if any.
    public var stickyTarget: String? {
        get { state.withLockedValue { $0.stickyTarget } }
    }
    public func setStickyTarget(_ expression: String?) { state.withLockedValue { $0.stickyTarget = expression } }

    /// Set by `exit`; the loops stop reading when they see it.
    public var exitRequested: ExitStatus? { state.withLockedValue { $0.exitRequested } }
    public func requestExit(_ status: ExitStatus) { state.withLockedValue { $0.exitRequested = status } }

    /// Runs one line (which may hold several `;`-separated commands) and returns its worst status.
    /// `label` prefixes usage errors (`line 3: `) in batch mode.
    public func execute(_ line: String, label: String = "") async -> ExitStatus {
        let commands: [Tokenizer.Command]
        do {
            commands = try Tokenizer.split(line)
        } catch {
            console.err(label + Self.printable("\(error)") + "\n")
            return .usage
        }
        var worst = ExitStatus.success
        for command in commands {
            if command.background {
                let job = Task { await self.run(command.words, label: label) }
                state.withLockedValue { $0.jobs.append(job) }
                continue
            }
            worst = max(worst, await run(command.words, label: label))
            if exitRequested != nil { break }
        }
        return worst
    }

    /// Runs one command already split into words (the argv of `dmux ps -a`).
    public func execute(words: [String], label: String = "") async -> ExitStatus {
        await run(words, label: label)
    }

    /// Waits for every command started with `&`; returns their worst status.
    public func joinBackgroundJobs() async -> ExitStatus {
        var worst = ExitStatus.success
        while let job = state.withLockedValue({ $0.jobs.isEmpty ? nil : $0.jobs.removeFirst() }) {
            worst = max(worst, await job.value)
        }
        return worst
    }

    /// Runs one command's words: `[@TARGETS] NAME ARGS…` or `[@TARGETS] !PROGRAM ARGS…`.
    func run(_ words: [String], label: String) async -> ExitStatus {
        do {
            let prepared = try prepare(words)
            return await run(prepared, label: label)
        } catch {
            console.err(label + Self.printable("\(error)") + "\n")
            return .usage
        }
    }

    private struct Prepared {
        var spec: CommandSpec
        var path: [String]
        var arguments: ParsedArguments
        var targets: [HostSession]
        var skipped: [HostSession]
        /// No @targets and no `use`: the command goes to every host that is up.
        var defaultTargets: Bool
        var shape: OutputShape
        /// `--format SHAPE` or `set format`: the user asked for a shape, even for one host.
        var shapeChosen: Bool
        var template: String?
    }

    private func prepare(_ words: [String]) throws(ShellUsageError) -> Prepared {
        var parsed = try CommandLineParser(commands).parse(words)
        if parsed.arguments.helpRequested {
            // `CMD --help`, or a management command without its subcommand: docker prints the help.
            parsed = try CommandLineParser(commands).parse(["help"] + parsed.path)
        }
        var spec = parsed.spec
        let arguments = parsed.arguments
        let expression = parsed.target
        if arguments.positional.isEmpty, let bare = spec.withoutArguments { spec = bare() }
        var shape = settings.format ?? spec.shape ?? .lines
        var shapeChosen = settings.format != nil
        var template: String?
        if let format = arguments.value("format") {
            if let chosen = OutputShape(rawValue: format) {
                shape = chosen
                shapeChosen = true
            } else {
                template = format
            }
        }
        var targets: [HostSession] = []
        if let expression {
            targets = try registry.resolve(expression)
        } else if let sticky = stickyTarget {
            targets = try registry.resolve(sticky)
        }
        let defaultTargets = expression == nil && stickyTarget == nil && spec.scope == .engines
        return Prepared(
            spec: spec, path: parsed.path, arguments: arguments, targets: targets, skipped: [], defaultTargets: defaultTargets,
            shape: shape, shapeChosen: shapeChosen, template: template)
    }

    private func run(_ prepared: Prepared, label: String) async -> ExitStatus {
        var prepared = prepared
        if prepared.defaultTargets {
            (prepared.targets, prepared.skipped) = await hostsThatAreUp(including: prepared.spec.targetsDownHosts)
        }
        let spec = prepared.spec
        for host in prepared.skipped {
            console.err(Self.printable("\(host.name): skipped (down: \(host.status.downReason ?? "unknown"))") + "\n")
        }
        if spec.scope == .engines && prepared.targets.isEmpty {
            if registry.sessions.isEmpty {
                console.err("\(label)no engines configured: \(CommandTable.howToAddEngines)\n")
            } else {
                console.err("\(label)no host is up (see 'hosts')\n")
            }
            return .unreachable
        }
        let presenter = Presenter(
            shape: prepared.shape, console: console, hosts: prepared.targets.map(\.name),
            asDocker: !prepared.shapeChosen && targetsOneHost(prepared))
        let invocation = Invocation(
            shell: self, command: spec, path: prepared.path, arguments: prepared.arguments, targets: prepared.targets,
            presenter: presenter, fanOut: FanOut(maxInFlight: settings.fanout, timeout: settings.timeout),
            template: prepared.template)
        do {
            try await spec.run(invocation)
        } catch let error as ShellUsageError {
            presenter.finish()
            console.err(label + Self.printable("\(error)") + "\n")
            return .usage
        } catch {
            presenter.finish()
            console.err(label + Self.printable("\(spec.name): \(ErrorWords.describe(error))") + "\n")
            return .failed
        }
        presenter.finish()
        // Shell commands without @targets (reconnect, hosts) act on every host.
        let counted = prepared.targets.isEmpty ? registry.sessions.count : prepared.targets.count
        return max(summarize(presenter.failures, targets: counted), presenter.statusFloor)
    }

    /// Whether the command was aimed at exactly one host: `@m1`, `use m1`, a group or glob that
    /// names one, or no target at all with one engine configured. The rule is on what was asked
    /// for, not on who answered: `ps` on five hosts of which four are down keeps the HOST column,
    /// so a script's output does not change shape when hosts come and go.
    private func targetsOneHost(_ prepared: Prepared) -> Bool {
        guard prepared.spec.scope == .engines, prepared.targets.count == 1 else { return false }
        return !prepared.defaultTargets || registry.sessions.count == 1
    }

    /// Every host that is up, after waiting (within the timeout) for the first ping of those whose
    /// state is not known yet, so the choice is the same however soon after start-up a line runs.
    private func hostsThatAreUp(including down: Bool) async -> (up: [HostSession], down: [HostSession]) {
        let sessions = registry.sessions
        await withTaskGroup(of: Void.self) { group in
            for session in sessions where session.status.state == .unknown {
                group.addTask { await session.connect() }
            }
        }
        if down { return (sessions, []) }
        return (sessions.filter { $0.status.downReason == nil }, sessions.filter { $0.status.downReason != nil })
    }

    /// An error line safe for a terminal and short enough to read: control characters (a NUL or
    /// an escape sequence pasted into a line) are shown escaped, and a huge token is cut in the middle.
    static func printable(_ message: String, limit: Int = 1000) -> String {
        let text = message.escapingControlCharacters
        guard text.count > limit else { return text }
        let cut = text.count - limit
        return "\(text.prefix(limit * 2 / 3))…[\(cut) characters]…\(text.suffix(limit / 3))"
    }

    /// Ends a command that failed anywhere with one line: `2 of 5 hosts failed: m3 (timeout), m5 (…)`.
    private func summarize(_ failures: [HostFailure], targets: Int) -> ExitStatus {
        guard !failures.isEmpty else { return .success }
        let byHost = Dictionary(failures.map { ($0.host, $0) }, uniquingKeysWith: { first, _ in first })
        if targets > 1 || byHost.count > 1 {
            let reasons = byHost.values.sorted { $0.host < $1.host }.map { "\($0.host) (\($0.shortReason))" }
            console.err(Self.printable("\(byHost.count) of \(max(targets, byHost.count)) hosts failed: \(reasons.joined(separator: ", "))", limit: .max) + "\n")
        }
        let unreachable = byHost.values.allSatisfy { $0.kind == .unreachable || $0.kind == .timeout }
        return unreachable && byHost.count >= targets ? .unreachable : .failed
    }
}
