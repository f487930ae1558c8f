import Foundation
import Glibc
import TestSupport

/// A real dockerd of the test's own, started cold by `systemd-socket-activate` the way the fleet
/// starts sock1: only the socket exists until the first connection execs dockerd in place of the
/// activator (same pid). The fleet's sock1 is one-shot and usually warm by the time a test runs,
/// so the cold start is only observable on an engine like this one.
final class SocketActivatedEngine {
    let directory: String
    let socketPath: String
    let pid: pid_t
    private let process: ChildProcess

    var url: String { "unix://" + socketPath }

    /// Starts the activator and waits for its socket; dockerd itself is not running yet.
    init() throws {
        // Short, because a unix socket path is limited to 107 bytes.
        directory = "/tmp/dmux-cold-\(UUID().uuidString.prefix(8).lowercased())"
        socketPath = directory + "/docker.sock"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let tag = (directory as NSString).lastPathComponent
        try #"{ "deprecated-key-path": "\#(directory)/key.json" }"#.write(
            toFile: directory + "/daemon.json", atomically: true, encoding: .utf8)
        process = try ChildProcess([
            "/usr/bin/systemd-socket-activate", "-l", socketPath, "dockerd", "-H", "fd://",
            "--config-file", directory + "/daemon.json", "--data-root", directory + "/data",
            "--exec-root", directory + "/exec", "--pidfile", directory + "/dockerd.pid",
            "--iptables=false", "--bridge=none", "--storage-driver", "vfs",
            "--containerd-namespace", tag, "--containerd-plugins-namespace", tag + "-plugins",
        ], environment: ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/sbin:/usr/bin:/sbin:/bin"], log: directory + "/dockerd.log")
        pid = process.pid
        let deadline = Date().addingTimeInterval(10)
        while !FileManager.default.fileExists(atPath: socketPath) {
            guard Date() < deadline, process.isRunning else {
                let output = (try? String(contentsOfFile: directory + "/dockerd.log", encoding: .utf8)) ?? ""
                stop()
                throw SpawnError("systemd-socket-activate did not create \(socketPath): \(output.suffix(500))")
            }
            usleep(20_000)
        }
    }

    /// The program the engine's pid runs now: `systemd-socket-activate` while cold, `dockerd` after.
    var command: String {
        let comm = (try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8)) ?? ""
        return comm.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Stops dockerd (and the containerd it started), then leaves nothing of its folder.
    func stop() {
        process.signal(SIGTERM)
        process.wait(until: Date().addingTimeInterval(20))
        EngineFolder.tearDown(directory)
    }
}
