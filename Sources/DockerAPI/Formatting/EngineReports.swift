import Foundation

/// Plain-text reports in the docker CLI's layout for `events`, `top`, `system df` and `version`
/// (its server section: the client half is dmux's own); `info` has InfoReport.
public enum EngineReports {
    /// `docker events` line: `<RFC3339NanoFixed> <type> <action> <actor id> (k=v, …)`.
    public static func eventLine(_ e: EngineEvent, timeZone: TimeZone = .current) -> String {
        var out = ""
        if e.timeNano != 0 {
            out += GoTime.rfc3339NanoFixed(unixNanos: e.timeNano, timeZone: timeZone) + " "
        } else if e.time != 0 {
            out += GoTime.rfc3339NanoFixed(unixSeconds: e.time, nanos: 0, timeZone: timeZone) + " "
        }
        out += "\(e.type) \(e.action) \(e.actor.id)"
        if !e.actor.attributes.isEmpty {
            out += " (" + e.actor.attributes.keys.sorted().map { "\($0)=\(e.actor.attributes[$0]!)" }.joined(separator: ", ") + ")"
        }
        return out
    }

    /// `docker top`: titles and processes through a (20, 1, 3) tab writer.
    public static func top(_ t: ContainerTop) -> String {
        TabWriter.top.format(rows: [t.titles] + t.processes)
    }

    /// `docker system df` summary rows: TYPE TOTAL ACTIVE SIZE RECLAIMABLE (docker 28 rules).
    public static func diskUsageRows(_ du: DiskUsage) -> [[String]] {
        // Sizes come from the engine: Int64 arithmetic wraps as Go's int64 does in docker's
        // formatter (cli/command/formatter/disk_usage.go), where Swift's `+` would trap.
        func reclaim(_ reclaimable: Int64, _ total: Int64) -> String {
            total > 0 ? "\(GoUnits.humanSize(Double(reclaimable))) (\(reclaimable &* 100 / total)%)" : GoUnits.humanSize(Double(reclaimable))
        }
        var rows = [["TYPE", "TOTAL", "ACTIVE", "SIZE", "RECLAIMABLE"]]

        let activeImages = du.images.filter { $0.containers > 0 }
        let usedImages = activeImages.reduce(Int64(0)) { acc, i in
            i.size == -1 || i.sharedSize == -1 ? acc : acc &+ i.size &- i.sharedSize
        }
        rows.append(["Images", String(du.images.count), String(activeImages.count),
                     GoUnits.humanSize(Double(du.layersSize)), reclaim(du.layersSize &- usedImages, du.layersSize)])

        func isActive(_ c: ContainerSummary) -> Bool {
            ["running", "paused", "restarting"].contains { c.state.contains($0) }
        }
        let containerSize = du.containers.reduce(Int64(0)) { $0 &+ ($1.sizeRw ?? 0) }
        let containerReclaim = du.containers.filter { !isActive($0) }.reduce(Int64(0)) { $0 &+ ($1.sizeRw ?? 0) }
        rows.append(["Containers", String(du.containers.count), String(du.containers.filter(isActive).count),
                     GoUnits.humanSize(Double(containerSize)), reclaim(containerReclaim, containerSize)])

        let volumeSize = du.volumes.reduce(Int64(0)) { $0 &+ ($1.size == -1 ? 0 : $1.size) }
        let volumeReclaim = du.volumes.filter { $0.refCount == 0 }.reduce(Int64(0)) { $0 &+ ($1.size == -1 ? 0 : $1.size) }
        rows.append(["Local Volumes", String(du.volumes.count), String(du.volumes.filter { $0.refCount > 0 }.count),
                     GoUnits.humanSize(Double(volumeSize)), reclaim(volumeReclaim, volumeSize)])

        let builderSize = du.buildCache.filter { !$0.shared }.reduce(Int64(0)) { $0 &+ $1.size }
        let inUse = du.buildCache.filter { $0.inUse && !$0.shared }.reduce(Int64(0)) { $0 &+ $1.size }
        rows.append(["Build Cache", String(du.buildCache.count), String(du.buildCache.filter(\.inUse).count),
                     GoUnits.humanSize(Double(builderSize)), GoUnits.humanSize(Double(builderSize &- inUse))])
        return rows
    }

    public static func diskUsage(_ du: DiskUsage) -> String {
        TabWriter.table.format(rows: diskUsageRows(du))
    }

    /// The `Server:` half of `docker version`.
    public static func versionServer(_ v: VersionInfo) -> String {
        var text = "Server:" + (v.platformName.isEmpty ? "" : " " + v.platformName) + "\n"
        for c in v.components {
            text += " \(c.name):\n"
            if c.name == "Engine" {
                let d = c.details
                text += "  Version:\t\(c.version)\n"
                text += "  API version:\t\(d["ApiVersion"] ?? "") (minimum version \(d["MinAPIVersion"] ?? ""))\n"
                text += "  Go version:\t\(d["GoVersion"] ?? "")\n"
                text += "  Git commit:\t\(d["GitCommit"] ?? "")\n"
                text += "  Built:\t\(GoTime.ansic(rfc3339: d["BuildTime"] ?? ""))\n"
                text += "  OS/Arch:\t\(d["Os"] ?? "")/\(d["Arch"] ?? "")\n"
                text += "  Experimental:\t\(d["Experimental"] ?? "")\n"
            } else {
                text += "  Version:\t\(c.version)\n"
                for key in c.details.keys.sorted() {
                    text += "  \(key):\t\(c.details[key]!)\n"
                }
            }
        }
        return TabWriter.version.format(text)
    }
}
