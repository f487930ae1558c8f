import Foundation
import Glibc
import TestSupport

/// A dockerd of the test's own, started like scripts/fleet/start starts its TLS engines (own
/// data-root, exec-root, pidfile and containerd namespace; no iptables, no bridge) but with the
/// server certificate a test made with `dmux machine create`. Stopped by its pid.
final class MachineTestEngine {
    let directory: String
    let port: Int
    private let process: ChildProcess

    /// Starts dockerd on `tcp://127.0.0.1:port` with `--tlsverify` and `machineDirectory`'s
    /// `ca.pem`, `server.pem`, `server-key.pem`; returns once it answers on its private socket.
    init(machineDirectory: String, port: Int) throws {
        // Short: containerd's socket under the exec-root must fit in 107 bytes.
        directory = "/tmp/dmt-\(UUID().uuidString.prefix(8).lowercased())"
        self.port = port
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try #"{ "deprecated-key-path": "\#(directory)/key.json" }"#.write(toFile: directory + "/daemon.json", atomically: true, encoding: .utf8)
        let namespace = "dmux-" + (directory as NSString).lastPathComponent
        process = try ChildProcess([
            "/usr/sbin/dockerd", "--config-file", directory + "/daemon.json", "--data-root", directory + "/data", "--exec-root", directory + "/exec",
            "--pidfile", directory + "/dockerd.pid", "--iptables=false", "--bridge=none", "--storage-driver", "vfs",
            "--containerd-namespace", namespace, "--containerd-plugins-namespace", namespace + "-plugins",
            "-H", "unix://\(directory)/docker.sock", "-H", "tcp://127.0.0.1:\(port)", "--tlsverify",
            "--tlscacert", machineDirectory + "/ca.pem", "--tlscert", machineDirectory + "/server.pem",
            "--tlskey", machineDirectory + "/server-key.pem",
        ], environment: ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/sbin:/usr/bin:/sbin:/bin"], log: directory + "/dockerd.log")
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            guard process.isRunning else { throw SpawnError("dockerd exited at start: \(self.log)") }
            let ping = try ChildProcess.run(["/usr/bin/curl", "-sf", "--unix-socket", directory + "/docker.sock", "http://localhost/_ping"],
                                            environment: [:], timeout: 5)
            if ping.status == 0 { return }
            usleep(100_000)
        }
        stop()
        throw SpawnError("dockerd did not come up within 30 s: \(log)")
    }

    var log: String { (try? String(contentsOfFile: directory + "/dockerd.log", encoding: .utf8))?.suffix(1500).description ?? "" }

    /// SIGTERM to our dockerd (it stops its containerd), SIGKILL after 20 s, then leaves nothing of its folder.
    func stop() {
        process.signal(SIGTERM)
        process.wait(until: Date().addingTimeInterval(20))
        EngineFolder.tearDown(directory)
    }

    /// A TCP port nothing listens on right now.
    static func freePort() throws -> Int {
        let listener = try Listener()
        defer { listener.close() }
        return listener.port
    }
}

/// A TCP socket that listens and never accepts or answers: a client's TLS handshake stalls on it.
final class Listener {
    let fd: Int32
    let port: Int

    init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.fd = fd
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(fd, pointer, length) == 0 && listen(fd, 16) == 0 && getsockname(fd, pointer, &length) == 0
            }
        }
        port = Int(UInt16(bigEndian: address.sin_port))
        guard bound else { throw SpawnError("cannot listen on 127.0.0.1: \(String(cString: strerror(errno)))") }
    }

    func close() { Glibc.close(fd) }
}
