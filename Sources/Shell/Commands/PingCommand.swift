import DockerAPI
import FanOut
import Foundation

/// `ping`: a fresh `/_ping` to each target, down hosts included (that is what it is for). A
/// host that does not answer is a host failure: exit 1 when some are down, 3 when all are.
enum PingCommand {
    static let headers = ["STATUS", "API", "ENGINE", "RTT"]

    static let spec: CommandSpec = {
        var spec = CommandSpec(
            name: "ping", summary: "Ping the engines afresh: up or down, API and engine version, round trip",
            scope: .engines, shape: .table
        ) { invocation in
            if let template = invocation.template {
                throw ShellUsageError("ping: --format takes a shape (table, lines, grouped, json), not a template: \(template)")
            }
            // Join the start-up ping if it is still under way, then time one on the warm connection.
            let answers = await invocation.answers { host in
                await host.connect().isUp ? await host.ping() : host.status
            }
            let statuses = Dictionary(answers.map { ($0.host.name, $0.value) }, uniquingKeysWith: { first, _ in first })
            let presenter = invocation.presenter
            presenter.columns(headers)
            for host in invocation.targets {
                // A host whose ping outlived the timeout has no status: it is down too (already reported).
                let status = statuses[host.name] ?? HostStatus()
                let (cells, json) = row(status)
                presenter.row(host: host.name, headers: headers, cells: cells, json: json)
                if let reason = status.downReason {
                    presenter.failure(HostFailure(host: host.name, kind: .unreachable, message: reason))
                }
            }
        }
        spec.targetsDownHosts = true
        return spec
    }()

    /// STATUS API ENGINE RTT for one host, and its json record.
    static func row(_ status: HostStatus) -> ([String], JSONValue) {
        // The reason of a down host is its failure (stderr, or an error object in json).
        guard status.isUp else { return (["down", "-", "-", "-"], .object([("status", .string("down"))])) }
        let rtt = status.roundTrip.map { String(format: "%.1fms", $0 * 1000) } ?? "-"
        var members: [(String, JSONValue)] = [("status", .string("up"))]
        if let api = status.apiVersion { members.append(("api", .string(api))) }
        if let engine = status.engineVersion { members.append(("engine", .string(engine))) }
        if let roundTrip = status.roundTrip { members.append(("rtt_ms", .number(String(format: "%.3f", roundTrip * 1000)))) }
        return (["up", status.apiVersion ?? "-", status.engineVersion ?? "-", rtt], .object(members))
    }
}
