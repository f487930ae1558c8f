import Core
import DockerAPI
import Foundation
import NIOCore
import FuzzSupport
@testable import Shell

/// libFuzzer target: one engine answer, as a hostile engine may send it, through the decoding
/// and formatting of the command that asked for it: ps, images, info, version, inspect, df,
/// events, stats, networks, volumes and `api`. The first byte picks the command; the rest is
/// the body. What is checked is that nothing traps (numbers at the edges of Int64, unpaired
/// surrogates, dates far from now) and that docker's own table formats always render. Text from
/// the engine is printed as docker prints it; what reaches the terminal is the presenter's
/// business (a newline in a value gets the host's prefix there).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEngineAnswer(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let body = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    let utc = TimeZone(identifier: "UTC")!
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    switch data[0] % 11 {
    case 0:
        guard let list = try? EngineJSON.decode([ContainerSummary].self, from: body) else { return 0 }
        let rows = list.map { ContainerRow($0, now: now, timeZone: utc) }
        table(rows, "table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}")
        table(rows, "table {{.ID}}\t{{.Labels}}\t{{.Mounts}}\t{{.Networks}}\t{{.Size}}\t{{.State}}\t{{.CreatedAt}}")
        rows.forEach { _ = $0.jsonObject }
    case 1:
        guard let list = try? EngineJSON.decode([ImageSummary].self, from: body) else { return 0 }
        let rows = ImageRow.rows(for: list, now: now, timeZone: utc)
        table(rows, "table {{.Repository}}\t{{.Tag}}\t{{.Digest}}\t{{.ID}}\t{{.CreatedSince}}\t{{.CreatedAt}}\t{{.Size}}")
        rows.forEach { _ = $0.jsonObject }
    case 2:
        guard let info = try? EngineJSON.decode(SystemInfo.self, from: body) else { return 0 }
        _ = InfoReport.server(info)
    case 3:
        guard let version = try? EngineJSON.decode(VersionInfo.self, from: body) else { return 0 }
        _ = EngineReports.versionServer(version)
    case 4:
        guard let value = try? JSONParser.parse(body) else { return 0 }
        let objects = if case .array(let items) = value { items } else { [value] }
        _ = try? InspectCommand.text(objects, template: nil)
        for source in ["{{.Name}} {{.State.Status}}", "{{json .Config}}", "{{range .Mounts}}{{.Source}}{{end}}", "{{index .Args 1}}"] {
            _ = try? InspectCommand.text(objects, template: try? JSONTemplate(source))
        }
    case 5:
        guard let usage = try? EngineJSON.decode(DiskUsage.self, from: body) else { return 0 }
        _ = EngineReports.diskUsage(usage)
        _ = EngineReports.diskUsageRows(usage)
        _ = BuildCacheRow.total(usage.buildCache)
    case 6:
        guard let event = try? EngineJSON.decode(EngineEvent.self, from: body) else { return 0 }
        _ = EngineReports.eventLine(event, timeZone: utc)
    case 7:
        guard let sample = try? EngineJSON.decode(StatsSample.self, from: body) else { return 0 }
        let row = StatsRow(sample, container: "c")
        for name in StatsRow.headers.keys { _ = row.field(name) }
    case 8:
        guard let list = try? EngineJSON.decode([NetworkSummary].self, from: body) else { return 0 }
        table(list.map { NetworkRow($0) }, "table {{.ID}}\t{{.Name}}\t{{.Driver}}\t{{.Scope}}\t{{.Labels}}")
    case 9:
        guard let list = try? EngineJSON.decode(VolumeSummary.List.self, from: body) else { return 0 }
        table(list.volumes.map { VolumeRow($0) }, "table {{.Driver}}\t{{.Name}}\t{{.Mountpoint}}\t{{.Labels}}")
    default:
        var buffer = ByteBuffer()
        buffer.writeBytes(body)
        _ = ApiCommand.render(ApiCommand.Answer(status: 200, reason: "OK", contentType: "application/json", body: buffer))
    }
    return 0
}

/// Renders `rows` with one of docker's table formats, which must always render.
func table<Row: FormatSubject>(_ rows: [Row], _ format: String) {
    do {
        _ = try FormatTemplate(format).render(rows)
    } catch {
        fatalError("\(format) did not render \(rows.count) rows: \(error)")
    }
}

runFuzzer(fuzzEngineAnswer)
