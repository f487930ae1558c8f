import DockerAPI
import FanOut
import Transport

/// Reads a hijacked attach/exec stream to its end and reports whole lines to the presenter:
/// demultiplexed into stdout and stderr when the process has no TTY (moby api/pkg/stdcopy/stdcopy.go),
/// raw bytes with stderr merged when it has one. A partial last line is flushed at the end.
struct OutputPump {
    let host: String
    let presenter: Presenter
    let tty: Bool

    func drain(_ response: ResponseStream) async throws {
        if presenter.asDocker { return try await RawOutputCopier.copy(response, tty: tty, to: presenter.console) }
        try await OutputLineAssembler.read(response, tty: tty) { lines in
            presenter.lines(host: host, lines.map { OutputLine(text: $0.text, stderr: $0.stderr) })
        }
    }
}

/// How `run` and `exec` report a process's end: the code in the json shape, and a non-zero code
/// as that host's failure (`u1: exit code 3`), so the command's exit status is 1.
enum ExitCodeReport {
    static func report(host: String, code: Int, presenter: Presenter) {
        presenter.record(host: host, json: .object([("exit_code", .int(code))]))
        // One host: docker prints nothing and exits with the container's code (cli/command/container/run.go).
        if presenter.asDocker {
            return presenter.raiseStatus(to: ExitStatus(rawValue: Int32(truncatingIfNeeded: code)))
        }
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
