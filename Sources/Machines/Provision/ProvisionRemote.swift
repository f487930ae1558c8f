import Foundation

/// Runs provisioning's scripts on the host: as root (`/bin/sh -s`, through `sudo -n` for another
/// user), over one held SSH login. A login failure is thrown with ssh's reason.
public protocol ProvisionRemote: Sendable {
    func run(_ script: String) async throws(MachineError) -> RemoteOutput
}

/// How a remote script ended.
public struct RemoteOutput: Sendable, Hashable {
    public var status: Int32
    public var stdout: String
    public var stderr: String

    public init(status: Int32, stdout: String, stderr: String) {
        self.status = status
        self.stdout = stdout
        self.stderr = stderr
    }

    /// stderr's last few lines in one line (`a; b; c`), or the status when it said nothing.
    public var reason: String {
        let lines = stderr.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return lines.isEmpty ? "exit status \(status)" : lines.suffix(6).joined(separator: "; ")
    }
}
