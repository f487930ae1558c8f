import Foundation
import Glibc

/// The fleet's OpenSSH server (scripts/fleet/sshd) as a test sees it, and one private place per
/// test for dmux's control masters, so that no test reuses another's master or the user's `~/.ssh`.
struct SSHFleet {
    /// `ssh://root@127.0.0.1:PORT/…/unix1/docker.sock`: the unix1 engine through sshd.
    let url: String
    /// `ssh://root@127.0.0.1:PORT2`: a login whose remote PATH has no `docker`.
    let noDockerURL: String
    /// The client config (`DMUX_SSH_CONFIG`): the fleet's key and known_hosts only.
    let config: String
    /// sshd's log at LogLevel VERBOSE: one "Accepted publickey" line per authentication.
    let log: String
    /// `XDG_RUNTIME_DIR` for this test's dmux: its control masters live in `RUNTIME/dmux-ssh`.
    let runtimeDirectory: String

    init() throws {
        url = try Fleet.variable("DMUX_FLEET_SSH1")
        noDockerURL = try Fleet.variable("DMUX_FLEET_SSH_NODOCKER")
        config = try Fleet.variable("DMUX_FLEET_SSH_CONFIG")
        log = try Fleet.variable("DMUX_FLEET_SSH_LOG")
        var template = Array("/tmp/dxr-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw FleetMissing(variable: "a temporary directory") }
        runtimeDirectory = String(cString: made)
    }

    var controlDirectory: String { runtimeDirectory + "/dmux-ssh" }
    var port: String { String(url.dropFirst("ssh://root@127.0.0.1:".count).prefix { $0.isNumber }) }

    /// What dmux needs to use the fleet's sshd: its config, this test's control directory, and a
    /// short persist so that a test can see the masters go (long enough that a master never
    /// expires before a loaded machine has started its first client).
    func environment(_ extra: [String: String] = [:]) -> [String: String] {
        ["DMUX_SSH_CONFIG": config, "XDG_RUNTIME_DIR": runtimeDirectory, "DMUX_SSH_PERSIST": String(Self.persist)].merging(extra) { _, new in new }
    }

    static let persist = 3

    /// How many logins sshd has accepted so far (its log's lines end in CRLF).
    func authentications() throws -> Int {
        try String(contentsOfFile: log, encoding: .utf8).split(whereSeparator: \.isNewline)
            .filter { $0.contains("Accepted publickey") }.count
    }

    /// The ssh processes of this test's dmux (the master and its clients): those whose command
    /// line names this test's control directory.
    func sshProcesses() -> [pid_t] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { entry -> pid_t? in
            guard let pid = pid_t(entry),
                  let command = try? String(contentsOfFile: "/proc/\(entry)/cmdline", encoding: .utf8),
                  command.hasPrefix("ssh\u{0}"), command.contains(controlDirectory) else { return nil }
            // A zombie is gone already; only its parent has not looked yet.
            let stat = (try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8)) ?? ""
            if let close = stat.lastIndex(of: ")"), stat[close...].dropFirst(2).first == "Z" { return nil }
            return pid
        }
    }

    /// The master: the ssh process started with `ControlMaster=auto`.
    func masterProcess() -> pid_t? {
        sshProcesses().first { pid in
            ((try? String(contentsOfFile: "/proc/\(pid)/cmdline", encoding: .utf8)) ?? "").contains("ControlMaster=auto")
        }
    }

    /// Waits up to `seconds` for `condition`.
    static func eventually(within seconds: Double, _ condition: () throws -> Bool) rethrows -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        repeat {
            if try condition() { return true }
            usleep(50_000)
        } while Date() < deadline
        return false
    }

    func removeRuntimeDirectory() {
        try? FileManager.default.removeItem(atPath: runtimeDirectory)
    }
}
