import Endpoints
import FanOut
import NIOConcurrencyHelpers

/// One line per host on a terminal, rewritten in place as progress arrives (`pull`): the cursor
/// moves up to the host's line, clears it, writes, and comes back below the board.
final class ProgressBoard: Sendable {
    private let presenter: Presenter
    private let console: Console
    private let hosts: [String]
    private let lock = NIOLock()

    init(presenter: Presenter, console: Console, hosts: [String]) {
        self.presenter = presenter
        self.console = console
        self.hosts = hosts
    }

    func start() {
        console.out(hosts.map { presenter.prefix($0) + "waiting\n" }.joined())
    }

    /// `text` comes from the engine: a control character in it would move the cursor off the board.
    func update(_ host: String, _ text: String) {
        let text = text.escapingControlCharacters
        guard let index = hosts.firstIndex(of: host) else { return }
        let up = hosts.count - index
        let width = max(10, console.width - 1)
        var line = presenter.prefix(host) + text
        if text.count > width { line = presenter.prefix(host) + String(text.prefix(max(0, width - host.count - 3))) }
        lock.withLock {
            console.out("\u{1B}[\(up)A\r\u{1B}[2K\(line)\u{1B}[\(up)B\r")
        }
    }
}

/// Failures kept aside while a board is on screen, reported once it is final.
final class FailureQueue: Sendable {
    private let failures = NIOLockedValueBox<[HostFailure]>([])
    func add(_ failure: HostFailure) { failures.withLockedValue { $0.append(failure) } }
    var all: [HostFailure] { failures.withLockedValue { $0 } }
}
