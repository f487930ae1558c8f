#if canImport(Glibc)
import Glibc
#endif

/// docker's "Are you sure you want to continue? [y/N]" (docker/cli internal/prompt, Confirm),
/// asked once for the whole target set and naming its hosts. Without a terminal to ask on, a
/// prune is refused rather than left waiting on a script's stdin; `-f` skips the question.
enum PruneConfirmation {
    enum Answer: Sendable, Equatable {
        case proceed
        /// The user said no: docker prints nothing more and exits 0.
        case declined
    }

    /// `warning` is docker's text, ending with its question.
    static func ask(_ warning: String, command: String, invocation: Invocation) async throws(ShellUsageError) -> Answer {
        if invocation.arguments.isOn("force") { return .proceed }
        guard isatty(0) == 1 && isatty(1) == 1 else {
            throw ShellUsageError("\(command): not asking without a terminal (stdin is not a TTY); add -f/--force to prune without confirmation")
        }
        invocation.console.out(message(warning, hosts: invocation.targets.map(\.name), asDocker: invocation.presenter.asDocker) + " [y/N] ")
        let answer = await readLine()
        return answer.trimmingSpaces.lowercased() == "y" ? .proceed : .declined
    }

    /// docker's warning as it is for one host; for several, a line naming them before the question.
    static func message(_ warning: String, hosts: [String], asDocker: Bool) -> String {
        guard !asDocker, let question = warning.range(of: "\n", options: .backwards) else { return warning }
        return warning[..<question.lowerBound] + "\nOn \(hosts.count) host\(hosts.count == 1 ? "" : "s"): \(hosts.joined(separator: ", "))"
            + warning[question.lowerBound...]
    }

    /// One line from the terminal (stdin), read off the cooperative pool.
    private static func readLine() async -> String {
        let reader = StdinReader()
        defer { reader.stop() }
        var bytes: [UInt8] = []
        for await chunk in reader.chunks() {
            bytes += chunk
            if bytes.contains(UInt8(ascii: "\n")) { break }
        }
        let line = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).first ?? []
        return String(decoding: line, as: UTF8.self)
    }
}

private extension String {
    var trimmingSpaces: String {
        String(drop { $0 == " " || $0 == "\t" || $0 == "\r" }.reversed().drop { $0 == " " || $0 == "\t" || $0 == "\r" }.reversed())
    }
}
