import CPosix
import Foundation
import Glibc

/// A dockerd of the test's own on a unix socket, for faults the shared fleet must never suffer:
/// `kill -9`, SIGSTOP, a restart on the same socket. Started like scripts/fleet/start starts its
/// engines (own data-root, exec-root, pidfile and containerd namespace; no iptables, no bridge;
/// the fleet's storage driver), with the test image imported from the fleet's cached tarball.
final class FaultEngine {
    let name: String
    let directory: String
    var socketPath: String { directory + "/docker.sock" }
    var url: String { "unix://" + socketPath }
    private(set) var pid: pid_t?

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
    var isRunning: Bool {
        guard let pid else { return false }
        var status: Int32 = 0
        if waitpid(pid, &status, WNOHANG) == pid {
            self.pid = nil
            return false
        }
        return true
    }

    /// Starts dockerd (again, after a kill: same folders, same socket) and waits until it answers.
    /// Spawned and reaped by hand: Foundation's Process left a killed dockerd a zombie here.
    func start() throws {
        let namespace = "dmf-" + (directory as NSString).lastPathComponent
        let argv = [
            "/usr/sbin/dockerd", "-H", url, "--config-file", directory + "/daemon.json", "--data-root", directory + "/data",
            "--exec-root", directory + "/exec", "--pidfile", directory + "/dockerd.pid", "--iptables=false",
            "--bridge=none", "--storage-driver", Self.storageDriver,
            "--containerd-namespace", namespace, "--containerd-plugins-namespace", namespace + "-plugins",
        ]
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, directory + "/dockerd.log", O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        dmux_spawn_closefrom(&actions, 3)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var signals = sigset_t()
        sigfillset(&signals)
        posix_spawnattr_setsigdefault(&attributes, &signals)
        // Its own session, as the fleet's engines: no terminal signal reaches it.
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | 0x80 /* POSIX_SPAWN_SETSID, not imported */))
        let cArguments = argv.map { strdup($0) } + [nil]
        let cEnvironment: [UnsafeMutablePointer<CChar>?] = [strdup("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"), nil]
        defer { (cArguments + cEnvironment).forEach { free($0) } }
        var child: pid_t = 0
        let spawned = posix_spawn(&child, argv[0], &actions, &attributes, cArguments, cEnvironment)
        guard spawned == 0 else { throw SpawnError("\(name): cannot start dockerd: \(String(cString: strerror(spawned)))") }
        pid = child
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
        guard let pid else { return }
        kill(pid, SIGKILL)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        self.pid = nil
    }

    func pause() { if let pid { kill(pid, SIGSTOP) } }
    func resume() { if let pid { kill(pid, SIGCONT) } }

    /// The docker CLI against this engine.
    @discardableResult
    func docker(_ arguments: [String], allowFailure: Bool = false) throws -> DmuxResult {
        let result = try Dmux.spawn(
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
        if let pid {
            kill(pid, SIGCONT)
            kill(pid, SIGTERM)
            let deadline = Date().addingTimeInterval(20)
            while isRunning && Date() < deadline { usleep(50_000) }
            if isRunning { kill9() }
        }
        // After a kill -9 the shims outlive their engine, and the containers outlive the shims.
        let stragglers = processesNamingDirectory()
        for straggler in stragglers.flatMap({ descendants(of: $0) }) + stragglers { kill(straggler, SIGKILL) }
        // A restart after a kill stacks a second bind mount of the data-root on the first.
        for _ in 0..<5 {
            let ours = ownMounts()
            if ours.isEmpty { break }
            for mount in ours.sorted(by: >) { umount2(mount, Int32(MNT_DETACH)) }
        }
        try? FileManager.default.removeItem(atPath: directory)
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

    private func ownMounts() -> [String] {
        // Read to the end: String(contentsOfFile:) stops at 4 KiB on procfs, where sizes read 0.
        let data = FileHandle(forReadingAtPath: "/proc/self/mounts")?.readDataToEndOfFile() ?? Data()
        return String(decoding: data, as: UTF8.self).split(separator: "\n").compactMap { line -> String? in
            let fields = line.split(separator: " ")
            return fields.count > 1 && fields[1].hasPrefix(directory + "/") ? String(fields[1]) : nil
        }
    }

    /// Processes whose command line names this engine's folder: only ever ours.
    private func processesNamingDirectory() -> [pid_t] {
        ((try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []).compactMap { entry in
            guard let pid = pid_t(entry), pid != getpid(),
                  let data = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline") else { return nil }
            return String(decoding: data, as: UTF8.self).contains(directory + "/") ? pid : nil
        }
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
