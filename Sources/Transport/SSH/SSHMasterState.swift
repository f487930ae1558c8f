import Endpoints

/// Whether dmux holds an SSH login for an `ssh://` engine right now, for `hosts`: a master is
/// listening on the login's control socket (held) or not (none yet, or it has ended).
public enum SSHMasterState {
    public static func describe(_ destination: SSHDestination, settings: SSHSettings = .process) -> String {
        let master = SSHMaster.shared(for: destination, settings: settings)
        return SSHControlDirectory.isListening(master.controlPath) ? "held" : "none"
    }
}
