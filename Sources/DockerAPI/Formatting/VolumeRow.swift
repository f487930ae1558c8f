/// One `docker volume ls` row (docker/cli cli/command/formatter/volume.go).
public struct VolumeRow: FormatSubject {
    public static let subjectName = "volume"
    public static let headers: [String: String] = [
        "Name": "VOLUME NAME", "Driver": "DRIVER", "Scope": "SCOPE", "Mountpoint": "MOUNTPOINT",
        "Labels": "LABELS", "Links": "LINKS", "Size": "SIZE",
    ]
    public static let defaultTableFormat = "table {{.Driver}}\t{{.Name}}"

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
        case "Links": volume.refCount.map { $0 == -1 ? "N/A" : String($0) } ?? "N/A"
        case "Size": volume.size.map { $0 == -1 ? "N/A" : GoUnits.humanSize(Double($0)) } ?? "N/A"
        default: nil
        }
    }

    public func label(_ key: String) -> String? { volume.labels[key] ?? "" }
}
