import Core
import DockerAPI
import Endpoints
import FanOut
import NIOConcurrencyHelpers

/// Turns what commands report per host into the chosen output shape. Commands say what they
/// found (rows, lines, blocks, records); the presenter decides how it looks.
///
/// Lines and JSON records are written as they arrive; tables and grouped blocks need every host's
/// answer and are written by `finish()`. Failures are labelled lines on stderr (objects in json).
///
/// When one host is targeted and no shape was asked for, the presenter is `asDocker`: it prints
/// what the docker CLI prints — no HOST column, no group header, no line prefix, docker's error
/// words — so a script or a pipe works the same with `@host` in front.
public final class Presenter: Sendable {
    public let shape: OutputShape
    /// One targeted host, no shape asked for: docker's own output.
    public let asDocker: Bool
    let console: Console
    /// The targeted hosts in registry order: the order of tables and grouped blocks.
    let hosts: [String]
    private let prefixWidth: Int
    private let state = NIOLockedValueBox(State())

    private struct State {
        var headers: [String] = []
        var rows: [String: [[String]]] = [:]
        var blocks: [String: String] = [:]
        var failures: [HostFailure] = []
        var statusFloor = ExitStatus.success
    }

    public init(shape: OutputShape, console: Console, hosts: [String], asDocker: Bool = false) {
        self.shape = shape
        self.asDocker = asDocker && hosts.count == 1 && shape != .json
        self.console = console
        self.hosts = hosts
        self.prefixWidth = hosts.map(\.count).max() ?? 0
    }

    /// One row of a list (a container, an image); `json` is the record for the json shape.
    public func row(host: String, headers: [String], cells: [String], json: JSONValue) {
        switch asDocker ? .table : shape {
        case .json:
            console.out(json.tagged(host: host).compact + "\n")
        case .lines:
            console.out(prefix(host) + cells.map(\.escapingControlCharacters).joined(separator: "  ") + "\n")
        case .table, .grouped:
            state.withLockedValue {
                $0.headers = headers
                $0.rows[host, default: []].append(cells)
            }
        }
    }

    /// Tells the presenter the columns of a list that may come back empty, so an empty table still has its headers.
    public func columns(_ headers: [String]) {
        state.withLockedValue { $0.headers = headers }
    }

    /// One whole line of a stream (logs, events, exec output).
    public func line(host: String, text: String, stderr: Bool = false, json: JSONValue? = nil) {
        lines(host: host, [OutputLine(text: text, stderr: stderr, json: json)])
    }

    /// Several whole lines of one host's stream, written with one write per output stream:
    /// a fast stream costs a system call per piece read from the engine, not one per line.
    public func lines(host: String, _ lines: [OutputLine]) {
        guard !lines.isEmpty else { return }
        switch asDocker ? .lines : shape {
        case .json:
            var out = ""
            for line in lines {
                let record = line.json
                    ?? .object([("stream", .string(line.stderr ? "stderr" : "stdout")), ("line", .string(line.text))])
                out += record.tagged(host: host).compact + "\n"
            }
            console.out(out)
        case .grouped:
            let text = lines.map { $0.text + "\n" }.joined()
            state.withLockedValue { $0.blocks[host, default: ""] += text }
        case .lines, .table:
            let prefix = prefix(host)
            var out = "", err = ""
            for line in lines {
                if line.stderr { err += prefix + line.text + "\n" } else { out += prefix + line.text + "\n" }
            }
            if !out.isEmpty { console.out(out) }
            if !err.isEmpty { console.err(err) }
        }
    }

    /// One host's whole answer (version, info, inspect, exec output), folded with identical ones.
    public func block(host: String, text: String, json: JSONValue) {
        if asDocker { return console.out(text) }
        switch shape {
        case .json:
            console.out(json.tagged(host: host).compact + "\n")
        case .grouped:
            state.withLockedValue { $0.blocks[host, default: ""] += text }
        case .lines, .table:
            var out = ""
            for line in text.split(separator: "\n", omittingEmptySubsequences: false).dropLast(text.hasSuffix("\n") ? 1 : 0) {
                out += prefix(host) + line + "\n"
            }
            console.out(out)
        }
    }

    /// A record that only scripts need (an exit code, a removed ID): printed in the json shape only.
    public func record(host: String, json: JSONValue) {
        if shape == .json { console.out(json.tagged(host: host).compact + "\n") }
    }

    /// A host's failure: a labelled line on stderr now, and a line in the summary.
    public func failure(_ failure: HostFailure) {
        state.withLockedValue { $0.failures.append(failure) }
        say(failure, key: "error")
    }

    /// A refusal that is not a failure (docker's `rm -f` of a container that is not there): the
    /// same line on stderr, nothing in the summary or the status.
    public func note(_ note: HostFailure) {
        say(note, key: "warning")
    }

    /// One host's refusal: `{"host","error"|"warning"}` in json, docker's words for one host,
    /// else the labelled message.
    private func say(_ failure: HostFailure, key: String) {
        if shape == .json {
            console.out(JSONValue.object([(key, .string(failure.message))]).tagged(host: failure.host).compact + "\n")
            return
        }
        // The message may quote an engine or a file: its lines stay lines, any other control is shown.
        func printable(_ text: String) -> String {
            text.split(separator: "\n", omittingEmptySubsequences: false).map { String($0).escapingControlCharacters }
                .joined(separator: "\n")
        }
        if asDocker, let words = failure.dockerMessage {
            console.err(printable(words) + "\n")
        } else {
            console.err(label(failure.host) + printable(failure.message) + "\n")
        }
    }

    public var failures: [HostFailure] { state.withLockedValue { $0.failures } }

    /// A status the command ends with at least, whatever its hosts did (`wait` passes on the
    /// worst status of the background commands it joined).
    public func raiseStatus(to status: ExitStatus) {
        state.withLockedValue { $0.statusFloor = max($0.statusFloor, status) }
    }

    var statusFloor: ExitStatus { state.withLockedValue { $0.statusFloor } }

    /// Writes what had to wait for every host: the table or the grouped blocks.
    public func finish() {
        let snapshot = state.withLockedValue { $0 }
        if asDocker {
            // docker's tabwriter over its own columns, never cut to the terminal's width.
            guard !snapshot.headers.isEmpty else { return }
            let rows = hosts.flatMap { snapshot.rows[$0] ?? [] }
            return console.out(TableLayout(headers: snapshot.headers, rows: rows).render(maxWidth: nil))
        }
        switch shape {
        case .table:
            guard !snapshot.headers.isEmpty else { return }
            var rows: [[String]] = []
            for host in hosts {
                for cells in snapshot.rows[host] ?? [] { rows.append([host] + cells) }
            }
            let layout = TableLayout(headers: ["HOST"] + snapshot.headers, rows: rows)
            console.out(layout.render(maxWidth: console.isTerminal ? console.width : nil))
        case .grouped:
            var grouped = GroupedBlocks()
            for host in hosts {
                if let text = snapshot.blocks[host] {
                    grouped.add(host: host, text: text)
                } else if let rows = snapshot.rows[host] {
                    grouped.add(host: host, text: TableLayout(headers: snapshot.headers, rows: rows).render(maxWidth: nil))
                }
            }
            console.out(grouped.render(order: hosts))
        case .lines, .json:
            break
        }
    }

    /// `m3 | ` aligned to the longest targeted name, coloured per host on a terminal.
    func prefix(_ host: String) -> String {
        if asDocker { return "" }
        let padded = host + String(repeating: " ", count: max(0, prefixWidth - host.count))
        guard console.useColor else { return padded + " | " }
        let index = hosts.firstIndex(of: host) ?? 0
        let palette = [36, 33, 35, 32, 34, 96, 93, 95, 92, 94]
        return "\u{1B}[\(palette[index % palette.count])m\(padded)\u{1B}[0m | "
    }

    private func label(_ host: String) -> String {
        console.useColor ? "\u{1B}[31m\(host)\u{1B}[0m: " : "\(host): "
    }
}

/// One line of a host's stream: its text (without the newline), which stream it came from, and
/// its json record when the command has a richer one than `{"stream","line"}`.
public struct OutputLine: Sendable {
    public var text: String
    public var stderr: Bool
    public var json: JSONValue?

    public init(text: String, stderr: Bool = false, json: JSONValue? = nil) {
        self.text = text
        self.stderr = stderr
        self.json = json
    }
}
