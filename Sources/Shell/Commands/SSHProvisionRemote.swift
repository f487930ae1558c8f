import Endpoints
import Machines
import Transport

/// Provisioning's remote side: each script sent to `/bin/sh -s` as root (through `sudo -n` for
/// another user, as docker-machine runs its commands with sudo) over the machine's SSH login,
/// held by one control master for the whole provisioning. The login is the generic driver's
/// (IP, user, port, key) plus `DMUX_SSH_CONFIG` / `DMUX_SSH_OPTS`; host-key checking stays on.
struct SSHProvisionRemote: ProvisionRemote {
    let command: SSHCommand
    let user: String
    let connectTimeout: Int

    init(driver: GenericDriver, key: String, environment: [String: String], connectTimeout: Int) {
        var settings = SSHSettings(environment: environment)
        if !key.isEmpty { settings.extraOptions += ["-o", "IdentitiesOnly=yes", "-i", key] }
        command = SSHCommand(
            destination: SSHDestination(user: driver.sshUser, host: driver.ipAddress, port: driver.sshPort), settings: settings)
        user = driver.sshUser
        self.connectTimeout = connectTimeout
    }

    func run(_ script: String) async throws(MachineError) -> RemoteOutput {
        let shell = user == "root" ? "/bin/sh -s" : "sudo -n /bin/sh -s"
        do {
            let output = try await command.run(shell, input: Array(script.utf8), connectTimeout: connectTimeout, seconds: 600)
            return RemoteOutput(status: output.status, stdout: output.stdout, stderr: output.stderr)
        } catch {
            throw MachineError(.failed, ErrorWords.describe(error))
        }
    }
}
