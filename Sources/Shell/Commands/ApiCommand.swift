import DockerAPI
import FanOut
import NIOCore
import Transport

/// `api METHOD PATH [BODY]`: a raw Engine API request on every target. Unversioned paths get the
/// host's pinned version, `/v1.41/…` is sent as given. JSON answers are pretty-printed with the
/// engine's key order (grouped by default, so identical answers fold); streaming endpoints
/// (events, stats, pull, followed logs) print each value as a line as it comes.
enum ApiCommand {
    static let spec = CommandSpec(
        name: "api", summary: "Send a raw Engine API request to every target (api GET /containers/json)",
        scope: .engines,
        arguments: [
            ArgumentSpec("METHOD", completion: .values(["GET", "POST", "PUT", "DELETE", "HEAD"])),
            ArgumentSpec("PATH"), ArgumentSpec("BODY", optional: true),
        ],
        shape: .grouped
    ) { invocation in
        try await run(invocation)
    }

    struct Answer: Sendable {
        var status: Int
        var reason: String
        var contentType: String?
        var body: ByteBuffer
    }

    static func run(_ invocation: Invocation) async throws {
        let words = invocation.arguments.positional
        guard words[0].allSatisfy({ $0.isLetter }) else { throw ShellUsageError("invalid HTTP method '\(words[0])'") }
        let request = EngineRequests.raw(method: words[0], path: words[1], body: words.count > 2 ? Array(words[2].utf8) : nil)
        let presenter = invocation.presenter
        if isStreaming(request) {
            // Streams never end on their own: print as lines even when the shape would wait for every host.
            let lines = presenter.shape == .json ? presenter
                : Presenter(shape: .lines, console: invocation.console, hosts: invocation.targets.map(\.name))
            await invocation.eachHost(timeout: .some(nil)) { host in
                try await host.stream(request) { response in try await streamLines(response, host: host.name, to: lines) }
            }
            return
        }
        await invocation.eachHost { host in
            try await host.stream(request) { response in
                Answer(status: response.head.status, reason: response.head.reason,
                       contentType: response.head.contentType, body: try await response.collect(upTo: 64 * 1024 * 1024))
            }
        } onSuccess: { host, answer in
            let (text, json) = render(answer)
            presenter.block(host: host.name, text: text, json: json)
        }
    }

    /// Endpoints whose answer is a stream of JSON values that may never end.
    static func isStreaming(_ request: APIRequest) -> Bool {
        var path = request.path
        if !request.isVersioned, let rest = path.dropFirst().firstIndex(of: "/"), path.dropFirst().hasPrefix("v") {
            path = String(path[rest...])
        }
        func flag(_ name: String) -> Bool? {
            request.query.last { $0.name == name }.map { !["0", "false", ""].contains($0.value.lowercased()) }
        }
        let parts = path.split(separator: "/")
        switch (request.method, parts.first, parts.last) {
        case ("GET", "events", _): return true
        case ("GET", "containers", "stats"): return flag("stream") ?? true
        case ("GET", "containers", "logs"): return flag("follow") ?? false
        case ("POST", "images", "create"), ("POST", "images", "load"), ("POST", "images", "push"), ("POST", "build", _): return true
        default: return false
        }
    }

    /// One line per JSON value (or per text line when the stream is not JSON).
    static func streamLines(_ response: ResponseStream, host: String, to presenter: Presenter) async throws {
        var splitter = JSONStreamSplitter()
        var text = LineSplitter()
        var isJSON = true
        while let piece = try await response.next() {
            if isJSON {
                do {
                    for value in try splitter.feed(piece.readableBytesView) {
                        let parsed = (try? JSONParser.parse(value)) ?? .string(String(decoding: value, as: UTF8.self))
                        presenter.line(host: host, text: parsed.compact, json: parsed)
                    }
                    continue
                } catch {
                    isJSON = false
                }
            }
            for line in text.feed(piece.readableBytesView) {
                presenter.line(host: host, text: String(decoding: line, as: UTF8.self))
            }
        }
        if let last = text.finish() { presenter.line(host: host, text: String(decoding: last, as: UTF8.self)) }
    }

    /// Pretty JSON when the body is JSON, the text otherwise, the status line when it is empty.
    static func render(_ answer: Answer) -> (String, JSONValue) {
        let bytes = Array(answer.body.readableBytesView)
        if bytes.isEmpty {
            let line = "\(answer.status) \(answer.reason)"
            return (line + "\n", .object([("status", .int(answer.status))]))
        }
        if let value = try? JSONParser.parse(bytes) {
            return (value.pretty() + "\n", value)
        }
        let text = String(decoding: bytes, as: UTF8.self)
        return (text.hasSuffix("\n") ? text : text + "\n", .object([("status", .int(answer.status)), ("body", .string(text))]))
    }
}
