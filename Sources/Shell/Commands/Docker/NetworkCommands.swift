import DockerAPI
import FanOut

/// `network create|rm|connect|disconnect|inspect` on every target (docker/cli
/// cli/command/network/*.go): create prints each host's new network ID, rm the names removed.
enum NetworkCommands {
    static let create = CommandSpec(
        name: "create", summary: "Create a network on every target", scope: .engines,
        flags: [
            FlagSpec("driver", short: "d", value: "string", help: "Driver to manage the Network (default \"bridge\")"),
            FlagSpec("opt", short: "o", value: "map", repeatable: true, help: "Set driver specific options"),
            FlagSpec("label", value: "list", repeatable: true, help: "Set metadata on a network"),
            FlagSpec("internal", help: "Restrict external access to the network"),
            FlagSpec("ipv6", help: "Enable or disable IPv6 address assignment"),
            FlagSpec("attachable", help: "Enable manual container attachment"),
            FlagSpec("scope", value: "string", help: "Control the network's scope"),
            FlagSpec("ingress", help: "Create swarm routing-mesh network"),
            FlagSpec("config-only", help: "Create a configuration only network"),
            FlagSpec("config-from", value: "string", help: "The network from which to copy the configuration"),
            FlagSpec("ipam-opt", value: "map", repeatable: true, help: "Set IPAM driver specific options"),
            FlagSpec("ipam-driver", value: "string", help: "IP Address Management Driver (default \"default\")"),
            FlagSpec("subnet", value: "strings", repeatable: true, help: "Subnet in CIDR format that represents a network segment"),
            FlagSpec("ip-range", value: "strings", repeatable: true, help: "Allocate container ip from a sub-range (one per --subnet, in order)"),
            FlagSpec("gateway", value: "strings", repeatable: true, help: "IPv4 or IPv6 Gateway for the master subnet (one per --subnet, in order)"),
        ],
        arguments: [ArgumentSpec("NETWORK")],
        shape: .lines
    ) { invocation in
        let words = try invocation.requireArguments(1, "NETWORK")
        guard words.count == 1 else { throw ShellUsageError("\"network create\" requires exactly 1 argument") }
        let request = EngineRequests.createNetwork(try body(name: words[0], invocation.arguments))
        let presenter = invocation.presenter
        await invocation.eachHost { host in
            let created = try await host.decode(CreatedResponse.self, request)
            presenter.line(host: host.name, text: created.id, json: .object([("id", .string(created.id))]))
        }
    }

    /// docker's `network.CreateOptions` for API 1.41: `CheckDuplicate`, or a 20.10 engine makes
    /// a second network of the same name.
    static func body(name: String, _ arguments: ParsedArguments) throws(ShellUsageError) -> JSONValue {
        let subnets = arguments.all("subnet").flatMap(commaList)
        let gateways = arguments.all("gateway").flatMap(commaList)
        let ranges = arguments.all("ip-range").flatMap(commaList)
        guard gateways.count <= subnets.count, ranges.count <= subnets.count else {
            throw ShellUsageError("every --gateway and --ip-range needs a --subnet before it")
        }
        let configs: [JSONValue] = subnets.indices.map { index in
            var members: [(String, JSONValue)] = [("Subnet", .string(subnets[index]))]
            if index < ranges.count { members.append(("IPRange", .string(ranges[index]))) }
            if index < gateways.count { members.append(("Gateway", .string(gateways[index]))) }
            return .object(members)
        }
        var members: [(String, JSONValue)] = [
            ("Name", .string(name)), ("CheckDuplicate", .bool(true)),
            ("Driver", .string(arguments.value("driver") ?? "bridge")),
            ("Internal", .bool(arguments.isOn("internal"))), ("Attachable", .bool(arguments.isOn("attachable"))),
            ("EnableIPv6", .bool(arguments.isOn("ipv6"))),
            ("Ingress", .bool(arguments.isOn("ingress"))), ("ConfigOnly", .bool(arguments.isOn("config-only"))),
            ("IPAM", .object([
                ("Driver", .string(arguments.value("ipam-driver") ?? "default")), ("Config", .array(configs)),
                ("Options", KeyValueList.object(arguments.all("ipam-opt"))),
            ])),
            ("Options", KeyValueList.object(arguments.all("opt"))), ("Labels", KeyValueList.object(arguments.all("label"))),
        ]
        if let scope = arguments.value("scope") { members.append(("Scope", .string(scope))) }
        if let from = arguments.value("config-from") { members.append(("ConfigFrom", .object([("Network", .string(from))]))) }
        return .object(members)
    }

    static let remove: CommandSpec = {
        var spec = ContainerCommands.lifecycle("rm", "Remove one or more networks", flags: [
            FlagSpec("force", short: "f", help: "Do not error if the network does not exist"),
        ]) { name, _ in EngineRequests.removeNetwork(name) }
        spec.aliases = ["remove"]
        spec.arguments = [ArgumentSpec("NETWORK", repeats: true)]
        let removeEach = spec.run
        spec.run = { invocation in
            try await removeEach(invocation)
            // docker ends a partial failure with its StatusError's words (cli/command/network/remove.go).
            if invocation.presenter.asDocker && !invocation.presenter.failures.isEmpty {
                invocation.console.err("exit status 1\n")
            }
        }
        return spec
    }()

    static let connect = CommandSpec(
        name: "connect", summary: "Connect a container to a network on every target", scope: .engines,
        flags: [
            FlagSpec("ip", value: "string", help: "IPv4 address (e.g., \"172.30.100.104\")"),
            FlagSpec("ip6", value: "string", help: "IPv6 address (e.g., \"2001:db8::33\")"),
            FlagSpec("link", value: "list", repeatable: true, help: "Add link to another container"),
            FlagSpec("alias", value: "strings", repeatable: true, help: "Add network-scoped alias for the container"),
            FlagSpec("link-local-ip", value: "strings", repeatable: true, help: "Add a link-local address for the container"),
            FlagSpec("driver-opt", value: "strings", repeatable: true, help: "driver options for the network"),
        ],
        arguments: [ArgumentSpec("NETWORK"), ArgumentSpec("CONTAINER", completion: .container)],
        shape: .lines
    ) { invocation in
        let (network, container) = try networkAndContainer(invocation, "network connect")
        let arguments = invocation.arguments
        var ipam: [(String, JSONValue)] = []
        if let ip = arguments.value("ip") { ipam.append(("IPv4Address", .string(ip))) }
        if let ip = arguments.value("ip6") { ipam.append(("IPv6Address", .string(ip))) }
        let linkLocal = arguments.all("link-local-ip").flatMap(commaList)
        if !linkLocal.isEmpty { ipam.append(("LinkLocalIPs", .array(linkLocal.map { .string($0) }))) }
        var endpoint: [(String, JSONValue)] = []
        if !ipam.isEmpty { endpoint.append(("IPAMConfig", .object(ipam))) }
        let links = arguments.all("link"), aliases = arguments.all("alias").flatMap(commaList)
        if !links.isEmpty { endpoint.append(("Links", .array(links.map { .string($0) }))) }
        if !aliases.isEmpty { endpoint.append(("Aliases", .array(aliases.map { .string($0) }))) }
        let options = arguments.all("driver-opt").flatMap(commaList)
        if !options.isEmpty { endpoint.append(("DriverOpts", KeyValueList.object(options))) }
        let request = EngineRequests.connectNetwork(network, body: .object([
            ("Container", .string(container)), ("EndpointConfig", endpoint.isEmpty ? .null : .object(endpoint)),
        ]))
        await invocation.eachHost { host in _ = try await host.send(request) }
    }

    static let disconnect = CommandSpec(
        name: "disconnect", summary: "Disconnect a container from a network on every target", scope: .engines,
        flags: [FlagSpec("force", short: "f", help: "Force the container to disconnect from a network")],
        arguments: [ArgumentSpec("NETWORK"), ArgumentSpec("CONTAINER", completion: .container)],
        shape: .lines
    ) { invocation in
        let (network, container) = try networkAndContainer(invocation, "network disconnect")
        let request = EngineRequests.connectNetwork(network, disconnect: true, body: .object([
            ("Container", .string(container)), ("Force", .bool(invocation.arguments.isOn("force"))),
        ]))
        await invocation.eachHost { host in _ = try await host.send(request) }
    }

    private static func networkAndContainer(_ invocation: Invocation, _ path: String) throws(ShellUsageError) -> (String, String) {
        let words = try invocation.requireArguments(2, "NETWORK CONTAINER")
        guard words.count == 2 else { throw ShellUsageError("\"\(path)\" requires exactly 2 arguments") }
        return (words[0], words[1])
    }

    /// pflag's StringSlice: `--subnet a,b` is two values.
    static func commaList(_ text: String) -> [String] {
        text.split(separator: ",").map(String.init)
    }
}
