import LineEditor

/// Runs lines from a script, a pipe or `-c` through the shell: no prompt, comments and blank
/// lines ignored, each line complete before the next starts (unless it ends with `&`).
public struct BatchRunner: Sendable {
    public let shell: Shell
    /// The script's name for error labels (`deploy.dmux:3: …`); nil for stdin (`line 3: …`).
    public let name: String?
    /// Prefix errors with the line number (scripts and pipes; not `-c`).
    public let numberLines: Bool

    public init(shell: Shell, name: String? = nil, numberLines: Bool = true) {
        self.shell = shell
        self.name = name
        self.numberLines = numberLines
    }

    /// The worst status of all lines, or the first failing line's with `--on-error-stop`;
    /// an interrupt cancels the running line on every host and ends the batch.
    public func run(_ source: LineSource, interrupts: InterruptMonitor? = nil) async -> ExitStatus {
        var worst = ExitStatus.success
        var number = 0
        while shell.exitRequested == nil {
            guard case .line(let text) = await source.next(prompt: "") else { break }
            number += 1
            let label = !numberLines ? "" : name.map { "\($0):\(number): " } ?? "line \(number): "
            guard let status = await Self.runCancellable(text, on: shell, label: label, interrupts: interrupts) else {
                _ = await shell.joinBackgroundJobs()
                return .interrupted
            }
            worst = max(worst, status)
            if shell.settings.stopOnError && status != .success {
                _ = await shell.joinBackgroundJobs()
                return status
            }
        }
        worst = max(worst, await shell.joinBackgroundJobs())
        return shell.exitRequested ?? worst
    }

    /// Runs one command given as words (`dmux ps -a`: the argv, never quoted into a line and split again).
    public func run(words: [String], interrupts: InterruptMonitor? = nil) async -> ExitStatus {
        let shell = self.shell
        guard let status = await Self.runCancellable({ await shell.execute(words: words) }, interrupts: interrupts) else {
            _ = await shell.joinBackgroundJobs()
            return .interrupted
        }
        let joined = await shell.joinBackgroundJobs()
        return shell.exitRequested ?? max(status, joined)
    }

    private enum Race: Sendable {
        case finished(ExitStatus)
        case interrupted
        case quiet
    }

    /// Runs one line, cancelling it on every host when SIGINT arrives; nil when it was interrupted.
    static func runCancellable(_ line: String, on shell: Shell, label: String, interrupts: InterruptMonitor?) async -> ExitStatus? {
        await runCancellable({ await shell.execute(line, label: label) }, interrupts: interrupts)
    }

    private static func runCancellable(_ work: @escaping @Sendable () async -> ExitStatus, interrupts: InterruptMonitor?) async -> ExitStatus? {
        guard let interrupts else { return await work() }
        let signals = interrupts.interrupts()
        return await withTaskGroup(of: Race.self) { group in
            group.addTask { .finished(await work()) }
            group.addTask {
                for await _ in signals { return .interrupted }
                return .quiet
            }
            defer { group.cancelAll() }
            while let race = await group.next() {
                switch race {
                case .finished(let status): return status
                case .interrupted: return nil
                case .quiet: continue
                }
            }
            return nil
        }
    }
}
