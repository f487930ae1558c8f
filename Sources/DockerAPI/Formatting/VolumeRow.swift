/// One volume of `docker volume ls` or `docker system df -v` (docker/cli formatter/volume.go, which
/// both use).
public struct VolumeRow: FormatSubject {
    public static let subjectName = "volume"
    public static let goTypeName = "*formatter.volumeContext"
    public static let headers: [String: String] = [
        "Name": "VOLUME NAME", "Driver": "DRIVER", "Scope": "SCOPE", "Mountpoint": "MOUNTPOINT",
        "Labels": "LABELS", "Links": "LINKS", "Size": "SIZE",
        "Group": "GROUP", "Availability": "AVAILABILITY", "Status": "STATUS",
    ]
    public static let defaultTableFormat = "table {{.Driver}}\t{{.Name}}"
    /// `df -v`'s volume table.
    public static let diskUsageTableFormat = "table {{.Name}}\t{{.Links}}\t{{.Size}}"

    public var volume: VolumeSummary

    public init(_ volume: VolumeSummary) {
        self.volume = volume
    }

    public func field(_ name: String) -> String? {
        switch name {
        case "Name": volume.name
        case "Driver": volume.driver
        case "Scope": volume.scope
        case "Mountpoint": volume.mountpoint
        case "Labels": DockerColumns.labels(volume.labels)
        case "Links": volume.refCount == -1 ? "N/A" : String(volume.refCount)
        case "Size": volume.size == -1 ? "N/A" : GoUnits.humanSize(Double(volume.size))
        // Swarm cluster volumes only (API 1.42+), which dmux does not read: docker's "N/A" for the rest.
        case "Group", "Availability", "Status": "N/A"
        default: nil
        }
    }

    public func label(_ key: String) -> String? { volume.labels[key] ?? "" }
}
