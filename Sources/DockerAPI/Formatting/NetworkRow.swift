/// One `docker network ls` row (docker/cli cli/command/network/formatter.go).
public struct NetworkRow: FormatSubject {
    public static let subjectName = "network"
    public static let goTypeName = "*network.networkContext"
    public static let headers: [String: String] = [
        "ID": "NETWORK ID", "Name": "NAME", "Driver": "DRIVER", "Scope": "SCOPE", "IPv4": "IPV4", "IPv6": "IPV6",
        "Internal": "INTERNAL", "Labels": "LABELS", "CreatedAt": "CREATED AT",
    ]
    public static let defaultTableFormat = "table {{.ID}}\t{{.Name}}\t{{.Driver}}\t{{.Scope}}"

    public var network: NetworkSummary
    public var truncate: Bool

    public init(_ network: NetworkSummary, truncate: Bool = true) {
        self.network = network
        self.truncate = truncate
    }

    public func field(_ name: String) -> String? {
        switch name {
        case "ID": truncate ? DockerColumns.truncateID(network.id) : network.id
        case "Name": network.name
        case "Driver": network.driver
        case "Scope": network.scope
        case "IPv4": String(network.enableIPv4)
        case "IPv6": String(network.enableIPv6)
        case "Internal": String(network.internal)
        case "Labels": DockerColumns.labels(network.labels)
        case "CreatedAt": GoTime.string(rfc3339: network.created)
        default: nil
        }
    }

    public func label(_ key: String) -> String? { network.labels[key] ?? "" }
}
