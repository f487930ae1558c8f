import DockerAPI
import FanOut

/// The machinery every prune shares (docker/cli cli/command/*/prune.go): docker's `--filter`,
/// one confirmation for the whole target set, the prune calls on every host, each host's answer
/// in docker's words ("Deleted Containers:" … "Total reclaimed space: 1.2MB"), and the total
/// across the hosts that answered.
struct PruneCommand: Sendable {
    /// `container prune`, `system prune`…: for messages.
    let path: String
    let summary: String
    let flags: [FlagSpec]
    /// docker's warning for these arguments, ending with its question.
    let warning: @Sendable (ParsedArguments, Filters, _ oldestAPI: APIVersion?) -> String
    let steps: @Sendable (ParsedArguments, Filters) throws(ShellUsageError) -> [PruneStep]
    /// `network prune` says nothing about space.
    var reportsSpace = true

    static let force = FlagSpec("force", short: "f", help: "Do not prompt for confirmation")
    static func filter(_ example: String) -> FlagSpec {
        FlagSpec("filter", value: "filter", repeatable: true, help: "Provide filter values (e.g. \"\(example)\")")
    }

    var spec: CommandSpec {
        let command = self
        return CommandSpec(
            name: "prune", summary: summary, scope: .engines,
            flags: flags, shape: .lines
        ) { invocation in
            try await command.run(invocation)
        }
    }

    func run(_ invocation: Invocation) async throws {
        let filters = try ListCommands.filters(invocation.arguments)
        let steps = try self.steps(invocation.arguments, filters)
        // The warning and docker's version checks need each engine's API version: ask those not asked yet.
        await withTaskGroup(of: Void.self) { group in
            for host in invocation.targets where host.status.apiVersion == nil { group.addTask { await host.connect() } }
        }
        let versions = invocation.targets.map { host in host.status.apiVersion.flatMap { APIVersion($0) } }
        // What docker refuses before asking (a flag newer than the engine) needs no question.
        let refusing = versions.filter { version in steps.contains { (try? $0.request(apiVersion: version)) == nil } }
        if refusing.count < versions.count {
            let oldest = versions.compactMap { $0 }.min()
            let answer = try await PruneConfirmation.ask(
                warning(invocation.arguments, filters, oldest), command: path, invocation: invocation)
            guard answer == .proceed else { return }
        }
        let presenter = invocation.presenter
        let reportsSpace = self.reportsSpace
        var total: UInt64 = 0
        var answered = 0
        await invocation.eachHost(timeout: .some(nil)) { host in
            var text = ""
            var space: UInt64 = 0
            var records: [(String, JSONValue)] = []
            for step in steps {
                let result = try await step.run(on: host)
                // docker's Fprintln of an output that already ends in a newline: a blank line after it.
                if !result.output.isEmpty { text += result.output + "\n" }
                space += result.spaceReclaimed
                records.append((step.target.rawValue, result.json))
            }
            if reportsSpace { text += "Total reclaimed space: \(GoUnits.humanSize(Double(space)))\n" }
            return (text, space, steps.count == 1 ? records[0].1 : JSONValue.object(records))
        } onSuccess: { host, result in
            // docker prints nothing at all for a network prune that found nothing.
            if !result.0.isEmpty || presenter.shape == .json { presenter.block(host: host.name, text: result.0, json: result.2) }
            total += result.1
            answered += 1
        }
        if reportsSpace && invocation.targets.count > 1 && presenter.shape != .json && answered > 0 {
            invocation.console.out("Total reclaimed space on \(answered) host\(answered == 1 ? "" : "s"): \(GoUnits.humanSize(Double(total)))\n")
        }
    }
}
