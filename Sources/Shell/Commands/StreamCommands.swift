/// The streaming commands: their answers keep coming (logs -f, events, stats) until the engine
/// ends them or the user cancels (Ctrl-C), which closes the stream on every host.
enum StreamCommands {
    static let all: [CommandSpec] = [LogsCommand.spec, EventsCommand.spec, StatsCommand.spec]
}
