import Foundation
import Glibc
import TestSupport

/// A dockerd of the test's own on a unix socket, for faults the shared fleet must never suffer:
/// `kill -9`, SIGSTOP, a restart on the same socket. Started like scripts/fleet/start starts its
/// engines (own data-root, exec-root, pidfile and containerd namespace; no iptables, no bridge;
/// the fleet's storage driver), with the test image imported from the fleet's cached tarball.
final class FaultEngine {
    let name: String
    let directory: String
    var socketPath: String { directory + "/docker.sock" }
    var url: String { "unix://" + socketPath }
    private var process: ChildProcess?

    /// Starts the engine and imports the test image; returns once both are done.
    init(name: String) throws {
        self.name = name
        // Short: containerd's socket under the exec-root must fit in 107 bytes.
        directory = "/tmp/dmf-\(UUID().uuidString.prefix(8).lowercased())"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try #"{ "deprecated-key-path": "\#(directory)/key.json" }"#.write(
            toFile: directory + "/daemon.json", atomically: true, encoding: .utf8)
        do {
            try start()
            try importImage()
        } catch {
            stop()
            throw error
        }
    }

    /// Whether dockerd still runs (reaping it if it has ended).
    var isRunning: Bool { process?.isRunning ?? false }

    /// Starts dockerd (again, after a kill: same folders, same socket) and waits until it answers.
    func start() throws {
        let namespace = "dmf-" + (directory as NSString).lastPathComponent
        let argv = [
            "/usr/sbin/dockerd", "-H", url, "--config-file", directory + "/daemon.json", "--data-root", directory + "/data",
            "--exec-root", directory + "/exec", "--pidfile", directory + "/dockerd.pid", "--iptables=false",
            "--bridge=none", "--storage-driver", Self.storageDriver,
            "--containerd-namespace", namespace, "--containerd-plugins-namespace", namespace + "-plugins",
        ]
        process = try ChildProcess(argv, environment: ["PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],
                                   log: directory + "/dockerd.log")
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            guard isRunning else { throw SpawnError("\(name): dockerd exited at start: \(log)") }
            if try docker(["version", "--format", "{{.Server.Version}}"], allowFailure: true).status == 0 { return }
            usleep(100_000)
        }
        throw SpawnError("\(name): dockerd did not come up within 30 s: \(log)")
    }

    /// `kill -9` the engine: no goodbye on any connection.
    func kill9() {
        process?.signal(SIGKILL)
        process?.wait()
        process = nil
    }

    func pause() { process?.signal(SIGSTOP) }
    func resume() { process?.signal(SIGCONT) }

    /// The docker CLI against this engine.
    @discardableResult
    func docker(_ arguments: [String], allowFailure: Bool = false) throws -> ProcessResult {
        let result = try ChildProcess.run(
            [FleetDocker.binary, "-H", url] + arguments, stdin: "",
            environment: ["PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": try Dmux.temporaryHome()],
            inherit: [:], timeout: 60)
        if result.status != 0 && !allowFailure {
            throw SpawnError("docker \(arguments.joined(separator: " ")) on \(name) failed: \(result)")
        }
        return result
    }

    /// Stops dockerd by its pid (SIGCONT first, in case a test left it stopped), then every process
    /// still naming this engine's folder (its containerd and shims, after a kill -9), unmounts
    /// what is left under the folder and removes it.
    func stop() {
        if let process {
            process.signal(SIGCONT)
            process.signal(SIGTERM)
            let deadline = Date().addingTimeInterval(20)
            while process.isRunning && Date() < deadline { usleep(50_000) }
            if process.isRunning { kill9() }
            self.process = nil
        }
        EngineFolder.tearDown(directory)
    }

    var log: String { (try? String(contentsOfFile: directory + "/dockerd.log", encoding: .utf8))?.suffix(1500).description ?? "" }

    private func importImage() throws {
        let tarball = (ProcessInfo.processInfo.environment["DMUX_FLEET_DIR"] ?? "/tmp/dmux-fleet") + "/image/busybox.tar"
        guard FileManager.default.fileExists(atPath: tarball) else {
            throw SpawnError("\(tarball) is missing: start the test fleet (scripts/fleet/start)")
        }
        try docker(["import", "--change", #"CMD ["sh"]"#, "--change", "ENV PATH=/bin",
                    "--message", "dmux test image (static busybox)", tarball, Fleet.image])
    }

    /// The fleet's storage driver (overlay2 where overlay mounts work here, else vfs).
    private static var storageDriver: String {
        let file = (ProcessInfo.processInfo.environment["DMUX_FLEET_DIR"] ?? "/tmp/dmux-fleet") + "/storage-driver"
        let driver = (try? String(contentsOfFile: file, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        return driver.isEmpty ? "vfs" : driver
    }
}
