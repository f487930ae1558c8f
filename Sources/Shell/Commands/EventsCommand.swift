import DockerAPI
import FanOut
import Foundation
import NIOConcurrencyHelpers

/// `events`: the event streams of every target host merged into one, in time order (EventMerger),
/// each line `docker events` would print, prefixed with its host; in json the engine's own object
/// with `host` first. With `--until` in the past the streams end by themselves.
enum EventsCommand {
    static let spec = CommandSpec(
        name: "events", summary: "Get real time events from the engines, merged in time order",
        scope: .engines,
        flags: [
            FlagSpec("since", value: "string", help: "Show all events created since timestamp"),
            FlagSpec("until", value: "string", help: "Stream events until this timestamp"),
            FlagSpec("filter", short: "f", value: "filter", repeatable: true, help: "Filter output based on conditions provided"),
        ],
        shape: .lines
    ) { invocation in
        let arguments = invocation.arguments
        let since = try arguments.value("since").map { value throws(ShellUsageError) in try DockerTimestamp.parse(value) }
        let until = try arguments.value("until").map { value throws(ShellUsageError) in try DockerTimestamp.parse(value) }
        var filters = Filters()
        for argument in arguments.all("filter") {
            do { try filters.parse(argument) } catch { throw ShellUsageError("\(error)") }
        }
        let request = EngineRequests.events(since: since, until: until, filters: filters)
        let template = try invocation.template.map { (source) throws(ShellUsageError) in
            try JSONTemplate(source, root: JSONTemplate.Root(goTypeName: "events.Message"))
        }
        let writer = Writer(hosts: invocation.targets.map(\.name), presenter: invocation.presenter, template: template)
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                // Releases events whose window ran out while no other event arrived.
                while (try? await Task.sleep(for: .milliseconds(50))) != nil { writer.tick() }
            }
            await invocation.eachHost(timeout: .some(nil)) { host in
                do {
                    try await follow(request, on: host, writer: writer)
                    writer.end(host.name)
                } catch {
                    writer.end(host.name)
                    throw error
                }
            }
            group.cancelAll()
        }
        writer.drain()
    }

    /// Reads one host's events as a stream of JSON values and hands each to the writer.
    static func follow(_ request: APIRequest, on host: HostSession, writer: Writer) async throws {
        try await host.stream(request) { response in
            var splitter = JSONStreamSplitter()
            while let piece = try await response.next() {
                for value in try splitter.feed(piece.readableBytesView) { try writer.add(host.name, value) }
            }
            if let value = try splitter.finish() { try writer.add(host.name, value) }
        }
    }

    /// The merger behind a lock; events are written while it is held, so they leave in order.
    final class Writer: Sendable {
        typealias Payload = (event: EngineEvent, json: JSONValue)
        private let merger: NIOLockedValueBox<EventMerger<Payload>>
        private let presenter: Presenter
        private let template: JSONTemplate?
        private let started = ContinuousClock.now

        init(hosts: [String], presenter: Presenter, template: JSONTemplate? = nil) {
            self.merger = NIOLockedValueBox(EventMerger(hosts: hosts))
            self.presenter = presenter
            self.template = template
        }

        private var now: Duration { ContinuousClock.now - started }

        func add(_ host: String, _ bytes: [UInt8]) throws {
            let json = try JSONParser.parse(bytes)
            let event = try JSONDecoder().decode(EngineEvent.self, from: Data(bytes))
            let time = event.timeNano != 0 ? event.timeNano : event.time * 1_000_000_000
            let now = self.now
            merger.withLockedValue { write($0.add(host: host, timeNano: time, payload: (event, json), now: now)) }
        }

        func end(_ host: String) {
            let now = self.now
            merger.withLockedValue { write($0.end(host: host, now: now)) }
        }

        func tick() {
            let now = self.now
            merger.withLockedValue { write($0.release(now: now)) }
        }

        func drain() {
            merger.withLockedValue { write($0.drain()) }
        }

        private func write(_ items: [EventMerger<Payload>.Item]) {
            for item in items {
                var text = EngineReports.eventLine(item.payload.event)
                if let template {
                    do {
                        text = try template.render(Self.templateRoot(item.payload.json))
                    } catch {
                        presenter.failure(HostFailure(host: item.host, kind: .failed, message: error.description))
                        continue
                    }
                }
                presenter.line(host: item.host, text: text, json: item.payload.json)
            }
        }

        /// The event as docker's templates see it: Go's field names of events.Message beside the
        /// lower-case JSON keys of the old fields (`{{.Status}}` is `status`, `{{.ID}}` is `id`).
        static func templateRoot(_ event: JSONValue) -> JSONValue {
            guard case .object(let members) = event else { return event }
            let goNames = ["status": "Status", "id": "ID", "from": "From", "scope": "Scope", "time": "Time", "timeNano": "TimeNano"]
            return .object(members + members.compactMap { key, value in goNames[key].map { ($0, value) } })
        }
    }
}
