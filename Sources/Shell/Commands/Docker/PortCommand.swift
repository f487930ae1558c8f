import DockerAPI
import FanOut

/// `port CONTAINER [PRIVATE_PORT[/PROTO]]`: the published ports of a container on every target
/// (docker/cli cli/command/container/port.go): `80/tcp -> 0.0.0.0:8080` lines, natural order.
enum PortCommand {
    static let spec = CommandSpec(
        name: "port", summary: "List port mappings or a specific mapping for the container", scope: .engines,
        arguments: [ArgumentSpec("CONTAINER", completion: .container), ArgumentSpec("PRIVATE_PORT[/PROTO]", optional: true)],
        shape: .lines
    ) { invocation in
        let words = try invocation.requireArguments(1, "CONTAINER")
        guard words.count <= 2 else { throw ShellUsageError("\"port\" requires at most 2 arguments") }
        let container = words[0]
        let wanted = try words.count == 2 ? privatePort(words[1]).key : nil
        let presenter = invocation.presenter
        await invocation.eachHost { host in
            let (_, inspect) = try await Invocation.fetch(JSONValue.self, EngineRequests.inspectContainer(container), from: host)
            let ports = inspect["NetworkSettings"]?["Ports"]
            var lines: [String] = []
            if let wanted {
                guard case .array(let frontends)? = ports?[wanted], !frontends.isEmpty else {
                    let message = "Error: No public port '\(words[1])' published for \(container)"
                    throw HostFailure(host: host.name, kind: .failed, message: message, dockerMessage: message)
                }
                lines = frontends.map(address)
            } else if case .object(let members)? = ports {
                for (from, frontends) in members {
                    guard case .array(let list) = frontends else { continue }
                    lines += list.map { "\(from) -> \(address($0))" }
                }
            }
            for line in lines.sorted(by: NaturalOrder.less) {
                presenter.line(host: host.name, text: line)
            }
        }
    }

    /// `80` → `80/tcp`; a port that is not a 16-bit number fails as docker's strconv does.
    static func privatePort(_ text: String) throws(ShellUsageError) -> (key: String, given: String) {
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        let port = String(parts[0]), proto = parts.count > 1 && !parts[1].isEmpty ? String(parts[1]) : "tcp"
        guard UInt16(port) != nil else {
            let reason = port.allSatisfy(\.isNumber) && !port.isEmpty ? "value out of range" : "invalid syntax"
            throw ShellUsageError("Error: invalid port (\(port)): strconv.ParseUint: parsing \"\(port)\": \(reason)")
        }
        return ("\(port)/\(proto)", text)
    }

    /// Go's `net.JoinHostPort` of a binding: an IPv6 address in brackets.
    static func address(_ binding: JSONValue) -> String {
        let ip = binding["HostIp"]?.stringValue ?? "", port = binding["HostPort"]?.stringValue ?? ""
        return ip.contains(":") ? "[\(ip)]:\(port)" : "\(ip):\(port)"
    }
}
