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

    /// Stops dockerd (and the containerd it started) by pid, unmounts and removes its folder.
    func stop() {
        let doomed = [pid] + descendants(of: pid)
        process.signal(SIGTERM)
        process.wait(until: Date().addingTimeInterval(20))
        for survivor in doomed where kill(survivor, 0) == 0 { kill(survivor, SIGKILL) }
        // Read to the end: /proc files have no size, and a busy machine's mount table is long.
        let mounts = String(decoding: FileHandle(forReadingAtPath: "/proc/self/mounts")?.readDataToEndOfFile() ?? Data(), as: UTF8.self)
        let ours = mounts.split(separator: "\n").compactMap { line -> String? in
            let fields = line.split(separator: " ")
            return fields.count > 1 && fields[1].hasPrefix(directory) ? String(fields[1]) : nil
        }
        for mount in ours.sorted(by: >) { umount2(mount, Int32(MNT_DETACH)) }
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Every process below `parent`, found through /proc.
    private func descendants(of parent: pid_t) -> [pid_t] {
        var children: [pid_t: [pid_t]] = [:]
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] {
            guard let child = pid_t(entry),
                  let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { continue }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            if fields.count > 1, let parentID = pid_t(fields[1]) { children[parentID, default: []].append(child) }
        }
        var result: [pid_t] = []
        var queue = children[parent] ?? []
        while let next = queue.popLast() {
            result.append(next)
            queue += children[next] ?? []
        }
        return result
    }
}
