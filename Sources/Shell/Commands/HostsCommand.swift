import DockerAPI
import Endpoints
import FanOut
import Foundation
import Transport

/// `hosts`: every engine the shell knows, pinged afresh: where it came from, how it is reached,
/// whether it is up, and what it runs. STATE stays a few words (`refused`, `tls: bad ca`) so one
/// engine that is down does not widen the table; its whole reason follows the table, one line
/// per host, or fills a REASON column with `-v`.
enum HostsCommand {
    static let headers = ["SOURCE", "URL", "TRANSPORT", "TLS", "STATE", "API", "ENGINE", "RTT"]

    static let spec = CommandSpec(
        name: "hosts", summary: "List every engine: source, URL, transport, TLS, state, API and engine version, round trip",
        scope: .shell,
        flags: [FlagSpec("verbose", short: "v", help: "Add a REASON column with why each engine is down")],
        shape: .table
    ) { invocation in
        let verbose = invocation.arguments.isOn("verbose")
        let headers = verbose ? Self.headers + ["REASON"] : Self.headers
        let shell = invocation.shell
        let hosts = invocation.targets.isEmpty ? shell.registry.sessions : invocation.targets
        guard !hosts.isEmpty else {
            shell.console.err("no engines configured: \(CommandTable.howToAddEngines)\n")
            return
        }
        let presenter = Presenter(shape: invocation.presenter.shape, console: shell.console, hosts: hosts.map(\.name))
        presenter.columns(headers)
        await withTaskGroup(of: Void.self) { group in
            // Share the start-up connection, then measure the round trip on the warm one.
            for host in hosts {
                group.addTask { if await host.connect().isUp { await host.ping() } }
            }
        }
        for host in hosts {
            let (cells, json) = row(for: host)
            let reason = verbose ? [host.status.downReason ?? "-"] : []
            presenter.row(host: host.name, headers: headers, cells: cells + reason, json: json)
        }
        presenter.finish()
        guard !verbose, presenter.shape != .json else { return }
        for host in hosts {
            if let reason = host.status.downReason { shell.console.out("\(host.name): \(reason)".escapingControlCharacters + "\n") }
        }
    }

    static func row(for host: HostSession) -> ([String], JSONValue) {
        let endpoint = host.endpoint
        let status = host.status
        let transport: String
        switch endpoint.address {
        case .unix: transport = "unix"
        case .fd: transport = "fd"
        case .tcp: transport = endpoint.tls == nil ? "tcp" : "tcp+tls"
        case .ssh: transport = "ssh"
        }
        // ssh:// never uses TLS settings (docker/cli cli/connhelper): there is nothing to show.
        let tls = if case .ssh = endpoint.address { "-" } else { endpoint.tls.map { $0.verify ? "verify" : "no verify" } ?? "none" }
        let state: String
        switch status.state {
        case .up: state = "up"
        case .unknown: state = "unknown"
        case .down: state = status.downSummary ?? "down"
        }
        let rtt = status.roundTrip.map { String(format: "%.1fms", $0 * 1000) } ?? "-"
        // An ssh engine's one login (the control master): held now, or none.
        let login: String? = if case .ssh(let destination) = endpoint.address { SSHMasterState.describe(destination) } else { nil }
        let cells = [
            "\(endpoint.source)", endpoint.address.description, transport + (login.map { " (login \($0))" } ?? ""), tls, state,
            status.apiVersion ?? "-", status.engineVersion ?? "-", rtt,
        ]
        var members: [(String, JSONValue)] = [
            ("source", .string("\(endpoint.source)")), ("url", .string(endpoint.address.description)),
            ("transport", .string(transport)), ("tls", .string(tls)), ("state", .string(status.isUp ? "up" : status.downReason == nil ? "unknown" : "down")),
        ]
        if let login { members.append(("ssh_login", .string(login))) }
        if let reason = status.downReason { members.append(("reason", .string(reason))) }
        if let api = status.apiVersion { members.append(("api", .string(api))) }
        if let engine = status.engineVersion { members.append(("engine", .string(engine))) }
        if let roundTrip = status.roundTrip { members.append(("rtt_ms", .number(String(format: "%.3f", roundTrip * 1000)))) }
        return (cells, .object(members))
    }
}
