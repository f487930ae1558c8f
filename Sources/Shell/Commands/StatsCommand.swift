import DockerAPI
import FanOut
import Foundation
import NIOConcurrencyHelpers
import Transport

/// `stats`: one live table of every container's resource use on every target host, with per-host
/// totals. On a terminal the table is redrawn in place with bars; piped, one table per sample;
/// `--no-stream` asks every container once, all at once, and prints one table (about 1 s).
enum StatsCommand {
    static let spec = CommandSpec(
        name: "stats", summary: "Display a live stream of container resource usage statistics on every host",
        scope: .engines,
        flags: [
            FlagSpec("all", short: "a", help: "Show all containers (default shows just running)"),
            FlagSpec("no-stream", help: "Disable streaming stats and only pull the first result"),
            FlagSpec("no-trunc", help: "Do not truncate output"),
        ],
        arguments: [ArgumentSpec("CONTAINER", completion: .container, repeats: true, optional: true)],
        shape: .table
    ) { invocation in
        let arguments = invocation.arguments
        let template: FormatTemplate
        do throws(FormatTemplateError) {
            template = try FormatTemplate(invocation.template ?? StatsRow.defaultTableFormat)
            try template.validate(for: StatsRow.self)
        } catch {
            throw ShellUsageError(StatsRow.templateErrorPrefix(error.phase) + error.description)
        }
        let console = invocation.console
        let board = NIOLockedValueBox(StatsBoard(
            hosts: invocation.targets.map(\.name), template: template, truncate: !arguments.isOn("no-trunc"),
            asDocker: invocation.presenter.asDocker))
        let display = Display(console: console, presenter: invocation.presenter, board: board, live: !arguments.isOn("no-stream"))
        let names = arguments.positional
        let all = arguments.isOn("all")
        let streaming = !arguments.isOn("no-stream")
        await withTaskGroup(of: Void.self) { group in
            if streaming {
                group.addTask {
                    while (try? await Task.sleep(for: .seconds(1))) != nil { display.show() }
                }
            }
            await invocation.eachHost(timeout: streaming ? .some(nil) : .none) { host in
                try await sample(host, names: names, all: all, streaming: streaming, display: display)
            }
            group.cancelAll()
        }
        if !streaming || display.hasUnshownSamples { display.show() }
    }

    /// Samples every chosen container of one host concurrently; a container the engine does not
    /// know is a failure of the host, and the others go on. Without names, a live table also
    /// takes in the containers that start (and with `-a`, are created) while it is shown, as
    /// `docker stats` does.
    static func sample(_ host: HostSession, names: [String], all: Bool, streaming: Bool, display: Display) async throws {
        let show: @Sendable (String) async throws -> Void = { container in
            try await follow(container, on: host, streaming: streaming) { display.update(host: host.name, container: container, sample: $0) }
            // A live stream that ended (the container is gone) leaves the table.
            if streaming { display.board.withLockedValue { $0.remove(host: host.name, container: container) } }
        }
        if !names.isEmpty {
            return try await PerContainer.run(names, on: host, presenter: display.presenter, show)
        }
        // An fd:// engine has one connection: the events stream would leave none for the samples.
        let singleConnection = if case .fd = host.endpoint.address { true } else { false }
        guard streaming, !singleConnection else {
            return try await PerContainer.run(try await list(host, all: all), on: host, presenter: display.presenter, show)
        }
        let following = NIOLockedValueBox(Set<String>())
        let (containers, found) = AsyncStream.makeStream(of: String.self)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                defer { found.finish() }
                try await watch(host, all: all) { name in
                    if following.withLockedValue({ $0.insert(name).inserted }) { found.yield(name) }
                }
            }
            group.addTask {
                try await PerContainer.run(containers, on: host, presenter: display.presenter) { container in
                    defer { following.withLockedValue { _ = $0.remove(container) } }
                    try await show(container)
                }
            }
            try await group.waitForAll()
        }
    }

    /// The names of the host's running (or, with `all`, every) containers.
    static func list(_ host: HostSession, all: Bool) async throws -> [String] {
        let list = try await host.decode([ContainerSummary].self, EngineRequests.listContainers(all: all))
        return list.map { $0.names.first.map { String($0.dropFirst()) } ?? $0.id }
    }

    /// Hands `found` the containers listed now, then each one that starts (or is created, with
    /// `all`) until the command ends. The events are subscribed to before listing, so a
    /// container starting in between is not missed (at worst it is found twice).
    static func watch(_ host: HostSession, all: Bool, found: @Sendable (String) -> Void) async throws {
        var filters = Filters([("type", "container"), ("event", "start")])
        if all { filters.add("event", "create") }
        try await host.stream(EngineRequests.events(filters: filters)) { response in
            for name in try await list(host, all: all) { found(name) }
            var splitter = JSONStreamSplitter()
            while let piece = try await response.next() {
                for value in try splitter.feed(piece.readableBytesView) {
                    let event = try JSONDecoder().decode(EngineEvent.self, from: Data(value))
                    found(event.actor.attributes["name"] ?? event.actor.id)
                }
            }
        }
    }

    /// One container's samples: a single one after the engine's ~1 s CPU interval, or a sample
    /// a second until the stream ends or the command is cancelled.
    static func follow(_ container: String, on host: HostSession, streaming: Bool, update: (StatsSample) -> Void) async throws {
        try await host.stream(EngineRequests.stats(container, stream: streaming)) { response in
            var splitter = JSONStreamSplitter()
            while let piece = try await response.next() {
                for value in try splitter.feed(piece.readableBytesView) {
                    update(try JSONDecoder().decode(StatsSample.self, from: Data(value)))
                }
            }
            _ = try splitter.finish()  // a value cut off, or junk after the last one, is an error
        }
    }

    /// Writes the board: in json one record per sample as it comes, otherwise the tables (on a
    /// terminal redrawn in place, with bars).
    final class Display: Sendable {
        let console: Console
        let presenter: Presenter
        let board: NIOLockedValueBox<StatsBoard>
        let live: Bool
        private let shown = NIOLockedValueBox(0)

        init(console: Console, presenter: Presenter, board: NIOLockedValueBox<StatsBoard>, live: Bool) {
            self.console = console
            self.presenter = presenter
            self.board = board
            self.live = live
        }

        var hasUnshownSamples: Bool { board.withLockedValue(\.updates) != shown.withLockedValue { $0 } }

        func update(host: String, container: String, sample: StatsSample) {
            board.withLockedValue { $0.update(host: host, container: container, sample: sample) }
            guard presenter.shape == .json else { return }
            let row = StatsRow(sample, container: container, truncate: false)
            if let record = try? JSONParser.parse(Array(row.jsonObject.utf8)) {
                presenter.record(host: host, json: record)
            }
        }

        /// Prints the current tables, unless nothing new arrived since the last time.
        func show() {
            guard presenter.shape != .json else { return }
            // docker prints only the errors when a named container has none to show (cli/command/container/stats.go).
            if presenter.asDocker && !live && !presenter.failures.isEmpty { return }
            let snapshot = board.withLockedValue { $0 }
            guard snapshot.updates != shown.withLockedValue({ $0 }) || !live else { return }
            shown.withLockedValue { $0 = snapshot.updates }
            let redraw = live && console.isTerminal
            do {
                let text = try snapshot.render(bars: redraw, maxWidth: console.isTerminal ? console.width : nil)
                console.out(redraw ? "\u{1B}[2J\u{1B}[H" + text : text + (live ? "\n" : ""))
            } catch {
                presenter.failure(HostFailure(host: "stats", kind: .failed, message: ErrorWords.describe(error)))
            }
        }
    }
}
