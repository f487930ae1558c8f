import DockerAPI
import FanOut
import Machines
import NIOPosix

/// `machine ls`: every machine of the store asked at once, each within the timeout, through a
/// short-lived session of its own (ping, then version), laid out as `docker-machine ls` does.
enum MachineListCommand {
    static let headers = ["NAME", "ACTIVE", "URL", "STATE", "DOCKER", "ERRORS"]

    static let list = MachineCommands.subcommand(
        "ls", summary: "List the machines with their state and engine version, all queried at once",
        flags: [FlagSpec("timeout", short: "t", value: "seconds", help: "How long to wait for each engine (default: the shell's timeout)")]
    ) { invocation, storage in
        var timeout = invocation.settings.timeout
        if let seconds = try invocation.arguments.int("timeout") {
            // Counted in Int64 nanoseconds later on, as Go's time.Duration: at most 292 years.
            guard seconds > 0, seconds <= Int(Int64.max / 1_000_000_000) else {
                throw ShellUsageError("invalid --timeout \(seconds): give a number of seconds above 0")
            }
            timeout = .seconds(seconds)
        }
        let records = storage.names().map { name in Result { () throws(MachineError) in try storage.machine(name) } }
        let rows = await query(records, timeout: timeout, fanout: invocation.settings.fanout,
                               dockerHost: invocation.shell.environment["DOCKER_HOST"])
        if invocation.presenter.shape == .json {
            for row in rows {
                invocation.console.out(JSONValue.object(zip(headers.map { $0.lowercased() }, row.map(JSONValue.string)).map { ($0, $1) }).compact + "\n")
            }
        } else {
            invocation.console.out(TableLayout(headers: headers, rows: rows).render(maxWidth: nil))
        }
    }

    /// One row per machine, in the store's order.
    static func query(
        _ records: [Result<MachineRecord, MachineError>], timeout: Duration, fanout: Int, dockerHost: String?
    ) async -> [[String]] {
        let group = MultiThreadedEventLoopGroup.singleton
        var sessions: [HostSession] = []
        var sessionIndex: [Int: Int] = [:]
        for (index, record) in records.enumerated() {
            guard case .success(let machine) = record, let endpoint = machine.endpoint else { continue }
            sessionIndex[index] = sessions.count
            sessions.append(HostSession(endpoint: endpoint, group: group, connectTimeout: timeout))
        }
        let outcomes = await FanOut(maxInFlight: fanout, timeout: timeout).run(on: sessions) { session in
            let status = await session.ping()
            if let reason = status.downReason { throw HostFailure(host: session.name, kind: .unreachable, message: reason) }
            return try await session.decode(VersionInfo.self, EngineRequests.version()).version
        }
        await withTaskGroup(of: Void.self) { shutdowns in
            for session in sessions { shutdowns.addTask { await session.shutdown() } }
        }
        return records.enumerated().map { index, record in
            switch record {
            case .failure(let error):
                return ["?", "-", "", "Error", "Unknown", error.description]
            case .success(let machine):
                let url = machine.url ?? ""
                guard let position = sessionIndex[index] else {
                    return [machine.name, "-", url, "Error", "Unknown", machine.problem ?? "unusable"]
                }
                switch outcomes[position] {
                case .success(let version):
                    return [machine.name, dockerHost == url ? "*" : "-", url, "Running", "v" + version, ""]
                case .failure(let failure):
                    let state = switch failure.kind {
                    case .timeout: "Timeout"
                    case .unreachable: "Stopped"
                    case .failed, .cancelled: "Error"
                    }
                    return [machine.name, "-", url, state, "Unknown", failure.message]
                }
            }
        }
    }
}
