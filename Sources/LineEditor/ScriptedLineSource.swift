import Foundation

/// A `LineSource` that replays a fixed list of events: the in-memory input of shell tests.
public final class ScriptedLineSource: LineSource, @unchecked Sendable {
    // @unchecked: all mutable state is guarded by `lock`.
    private let lock = NSLock()
    private var pending: ArraySlice<LineEvent>
    private var promptsShown: [String] = []

    /// Replays `events` in order, then `.endOfInput` forever.
    public init(events: [LineEvent]) {
        pending = events[...]
    }

    /// Replays `lines` as `.line` events, then `.endOfInput` forever.
    public convenience init(lines: [String]) {
        self.init(events: lines.map(LineEvent.line))
    }

    /// Replays the lines of a file already read whole, split as `StreamLineSource` splits a
    /// stream (CRLF, a last line without newline, invalid UTF-8 decoded lossily).
    public convenience init(contents: [UInt8]) {
        var splitter = LineEventSplitter()
        splitter.append(contents)
        splitter.finish()
        var events: [LineEvent] = []
        while let event = splitter.nextEvent(), event != .endOfInput { events.append(event) }
        self.init(events: events)
    }

    /// Every prompt passed to `next(prompt:)` so far, so tests can check what the user would see.
    public var prompts: [String] {
        lock.withLock { promptsShown }
    }

    public func next(prompt: String) async -> LineEvent {
        lock.withLock {
            promptsShown.append(prompt)
            return pending.popFirst() ?? .endOfInput
        }
    }
}
