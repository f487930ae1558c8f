import DockerAPI
import FanOut
import Transport

/// Reads a hijacked attach/exec stream to its end and reports whole lines to the presenter:
/// demultiplexed into stdout and stderr when the process has no TTY (docker-reference §6.3),
/// raw bytes with stderr merged when it has one. A partial last line is flushed at the end.
struct OutputPump {
    let host: String
    let presenter: Presenter
    let tty: Bool

    func drain(_ response: ResponseStream) async throws {
        var demultiplexer = StdcopyDemultiplexer()
        var out = LineSplitter()
        var err = LineSplitter()
        defer {
            if let last = out.finish() { emit([last], stderr: false) }
            if let last = err.finish() { emit([last], stderr: true) }
        }
        while let piece = try await response.next() {
            if tty {
                emit(out.feed(piece.readableBytesView), stderr: false)
                continue
            }
            for frame in try demultiplexer.feed(piece.readableBytesView) {
                if frame.stream == .stderr {
                    emit(err.feed(frame.payload), stderr: true)
                } else {
                    emit(out.feed(frame.payload), stderr: false)
                }
            }
        }
        if !tty { try demultiplexer.finish() }
    }

    private func emit(_ lines: [[UInt8]], stderr: Bool) {
        for line in lines {
            presenter.line(host: host, text: String(decoding: line, as: UTF8.self), stderr: stderr)
        }
    }
}

/// How `run` and `exec` report a process's end: the code in the json shape, and a non-zero code
/// as that host's failure (`u1: exit code 3`), so the command's exit status is 1.
enum ExitCodeReport {
    static func report(host: String, code: Int, presenter: Presenter) {
        presenter.record(host: host, json: .object([("exit_code", .int(code))]))
        if code != 0 {
            presenter.failure(HostFailure(host: host, kind: .failed, message: "exit code \(code)"))
        }
    }
}

/// A hijacked stream is one connection held until the process ends; an `fd://` engine has only
/// one connection in all, so hijacking it would leave dmux without a way to ask for the exit code.
enum HijackGuard {
    static func check(_ host: HostSession, command: String) throws {
        if case .fd = host.endpoint.address {
            throw HostFailure(
                host: host.name, kind: .failed,
                message: "\(command) needs a connection of its own, and an fd:// engine has only one (use -d)")
        }
    }
}

/// Lets a stream that is being read in one task be written to from another: the transport's
/// writes and reads touch different state (the channel is thread-safe), but `ResponseStream`
/// is a plain class.
struct StreamHandle: @unchecked Sendable {
    let stream: ResponseStream
}
