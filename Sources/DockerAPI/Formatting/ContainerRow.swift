import Core
import Foundation

/// A container as `docker ps` shows it (docker/cli formatter/container.go).
public struct ContainerRow: FormatSubject {
    public static let subjectName = "container"
    public static let goTypeName = "*formatter.ContainerContext"

    /// `docker ps` checks its template itself first (cli/command/container/list.go).
    public static func templateErrorPrefix(_ phase: FormatTemplateError.Phase) -> String {
        phase == .parse ? "failed to parse template: " : "failed to execute template: "
    }
    public static let headers: [String: String] = [
        "ID": "CONTAINER ID", "Names": "NAMES", "Image": "IMAGE", "Command": "COMMAND",
        "CreatedAt": "CREATED AT", "RunningFor": "CREATED", "Ports": "PORTS", "State": "STATE",
        "Status": "STATUS", "Size": "SIZE", "Labels": "LABELS", "Mounts": "MOUNTS",
        "LocalVolumes": "LOCAL VOLUMES", "Networks": "NETWORKS",
    ]
    /// `docker ps` default columns.
    public static let defaultTableFormat = "table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}"

    public var container: ContainerSummary
    public var truncate: Bool
    public var now: Date
    public var timeZone: TimeZone

    public init(_ container: ContainerSummary, truncate: Bool = true, now: Date = Date(), timeZone: TimeZone = .current) {
        self.container = container
        self.truncate = truncate
        self.now = now
        self.timeZone = timeZone
    }

    public var id: String { truncate ? DockerColumns.truncateID(container.id) : container.id }

    /// Without the leading `/`; truncated output shows only the first name that is not a legacy link.
    public var names: String {
        let stripped = container.names.map { $0.hasPrefix("/") ? String($0.dropFirst()) : $0 }
        if truncate { return stripped.first { !$0.contains("/") } ?? "" }
        return stripped.joined(separator: ",")
    }

    /// As given; an image ID (`sha256:…`) is shortened, a digest reference loses its digest.
    public var image: String {
        let image = container.image
        if image.isEmpty { return "<no image>" }
        guard truncate else { return image }
        if !container.imageID.isEmpty && DockerColumns.truncateID(container.imageID) == DockerColumns.truncateID(image) {
            return DockerColumns.truncateID(image)
        }
        if image.hasPrefix("sha256:") { return DockerColumns.truncateID(image) }
        var name = image
        if let at = name.firstIndex(of: "@") { name = String(name[..<at]) }
        for prefix in ["docker.io/library/", "index.docker.io/library/", "docker.io/", "index.docker.io/"] where name.hasPrefix(prefix) {
            name = String(name.dropFirst(prefix.count))
            break
        }
        return name
    }

    /// `"sh -c 'whi…"`: Go-quoted, cut to 20 columns unless `--no-trunc`.
    public var command: String {
        GoStrconv.quote(truncate ? DockerColumns.ellipsis(container.command, 20) : container.command)
    }

    public var createdAt: String { GoTime.string(unixSeconds: container.created, timeZone: timeZone) }
    public var runningFor: String { GoUnits.ago(unixSeconds: container.created, now: now) }
    public var ports: String { PortsColumn.format(container.ports) }

    /// `2B (virtual 21.5MB)`, or just the writable size.
    public var size: String {
        let rw = GoUnits.humanSize(Double(container.sizeRw ?? 0), precision: 3)
        if let rootFs = container.sizeRootFs, rootFs > 0 {
            return "\(rw) (virtual \(GoUnits.humanSize(Double(rootFs), precision: 3)))"
        }
        return rw
    }

    public var labels: String {
        DockerColumns.labels(container.labels)
    }

    /// docker 28's `Platform` is the engine's image manifest platform, which engines before API
    /// 1.48 do not send: a nil pointer (cli/command/formatter/container.go).
    public var nullFields: [String] { ["Platform"] }

    public func field(_ name: String) -> String? {
        switch name {
        case "ID": id
        case "Names": names
        case "Image": image
        case "Command": command
        case "CreatedAt": createdAt
        case "RunningFor": runningFor
        case "Ports": ports
        case "State": container.state
        case "Status": container.status
        case "Size": size
        case "Labels": labels
        case "Mounts":
            container.mounts.map { m in
                let n = m.name.isEmpty ? m.source : m.name
                return truncate ? DockerColumns.ellipsis(n, 15) : n
            }.joined(separator: ",")
        case "LocalVolumes": String(container.mounts.filter { $0.driver == "local" }.count)
        case "Networks": container.networks.joined(separator: ",")
        default: nil
        }
    }

    public func label(_ key: String) -> String? { container.labels[key] ?? "" }
}

/// `DisplayablePorts`: consecutive ports grouped into ranges, published ports as `ip:pub->priv/proto`.
public enum PortsColumn {
    public static func format(_ ports: [ContainerSummary.Port]) -> String {
        let sorted = ports.sorted { a, b in
            if a.privatePort != b.privatePort { return a.privatePort < b.privatePort }
            if (a.ip ?? "") != (b.ip ?? "") { return (a.ip ?? "") < (b.ip ?? "") }
            if (a.publicPort ?? 0) != (b.publicPort ?? 0) { return (a.publicPort ?? 0) < (b.publicPort ?? 0) }
            return a.type < b.type
        }
        var groups: [String: (first: Int, last: Int)] = [:]
        var order: [String] = []
        var result: [String] = []
        var hostMappings: [String] = []
        for port in sorted {
            let current = port.privatePort
            var key = port.type
            if let ip = port.ip, !ip.isEmpty {
                let pub = port.publicPort ?? 0
                if pub != current {
                    hostMappings.append("\(GoNet.joinHostPort(ip, String(pub)))->\(current)/\(port.type)")
                    continue
                }
                key = ip + "/" + port.type
            }
            guard let group = groups[key] else {
                groups[key] = (current, current)
                order.append(key)
                continue
            }
            if current == group.last + 1 {
                groups[key] = (group.first, current)
                continue
            }
            result.append(formGroup(key, group.first, group.last))
            groups[key] = (current, current)
        }
        for key in order {
            let g = groups[key]!
            result.append(formGroup(key, g.first, g.last))
        }
        return (result + hostMappings).joined(separator: ", ")
    }

    private static func formGroup(_ key: String, _ first: Int, _ last: Int) -> String {
        // The key is "proto" or "ip/proto"; IPv6 addresses contain no "/".
        let parts = key.split(separator: "/", maxSplits: 1).map(String.init)
        let proto = parts.count > 1 ? parts[1] : parts[0]
        let ip = parts.count > 1 ? parts[0] : ""
        var group = String(first)
        if first != last { group += "-\(last)" }
        if !ip.isEmpty { group = "\(GoNet.joinHostPort(ip, group))->\(group)" }
        return group + "/" + proto
    }
}
