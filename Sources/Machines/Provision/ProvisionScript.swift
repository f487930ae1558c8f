/// The shell scripts provisioning runs on the host, each as root through `/bin/sh -s` on one held
/// SSH login, with files carried inside them (docker-machine pipes `printf '%s' … | sudo tee` per
/// file: docker/machine libmachine/provision/utils.go `ConfigureAuth`). Every script sets its own PATH,
/// so a login whose PATH lacks the sbin folders still finds dockerd and systemctl.
public enum ProvisionScript {
    static let path = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin; export PATH\n"
    /// Where `install` keeps what it replaces, for `restore`.
    static let backup = "/etc/docker/.machine-backup"
    /// The files provisioning replaces; their backup names are their last components, all distinct.
    static let managed = [SystemdDropIn.remoteCA, SystemdDropIn.remoteCertificate, SystemdDropIn.remoteKey, SystemdDropIn.path]

    /// `key=value` lines for `HostInspection`; changes nothing.
    public static let inspect = path + #"""
        if [ -r /etc/os-release ]; then . /etc/os-release; fi
        echo "os=${PRETTY_NAME:-}"
        echo "pid1=$(cat /proc/1/comm 2>/dev/null)"
        if [ -d /run/systemd/system ]; then echo systemd=yes; else echo systemd=no; fi
        echo "dockerd=$(command -v dockerd 2>/dev/null)"
        if command -v dockerd >/dev/null 2>&1; then echo "docker_version=$(dockerd --version 2>/dev/null | sed -n 's/^Docker version \([^ ,]*\).*/\1/p')"; fi
        if command -v docker >/dev/null 2>&1; then echo "driver=$(timeout 10 docker info --format '{{.Driver}}' 2>/dev/null)"; fi
        if grep -qw overlay /proc/filesystems 2>/dev/null; then echo overlay=yes; else echo overlay=no; fi
        for manager in apt-get dnf yum zypper; do
          if command -v "$manager" >/dev/null 2>&1; then echo "package_manager=$manager"; break; fi
        done
        """#

    /// `--install` on a Debian host: the distribution's docker.io, never a script from the network.
    public static let installDocker = path + """
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq && apt-get install -y -qq docker.io >/dev/null
        systemctl enable --now docker.socket docker.service >/dev/null 2>&1 || systemctl start docker
        """

    /// Saves what it replaces into `backup` (or notes it was absent), then writes the CA, the server
    /// certificate and key (0600) to /etc/docker and the drop-in, and reloads systemd's units.
    public static func install(ca: String, certificate: String, key: String, dropIn: String) -> String {
        var script = path + "set -eu\numask 022\n"
        script += "rm -rf \(backup) && mkdir -p \(backup) && chmod 0700 \(backup)\n"
        for file in managed {
            script += "if [ -e \(file) ]; then cp -p \(file) \(backup)/; else echo \(file) >>\(backup)/absent; fi\n"
        }
        script += "mkdir -p /etc/docker \(dirname(SystemdDropIn.path))\n"
        for (file, text, mode) in [(SystemdDropIn.remoteCA, ca, "0644"), (SystemdDropIn.remoteCertificate, certificate, "0644"),
                                   (SystemdDropIn.remoteKey, key, "0600"), (SystemdDropIn.path, dropIn, "0644")] {
            // Written beside and renamed, so a reader never sees half a key; created 0600 first.
            script += "(umask 077; cat >\(file).new) <<'DMUX_PROVISION_EOF'\n\(text)\(text.hasSuffix("\n") ? "" : "\n")DMUX_PROVISION_EOF\n"
            script += "chmod \(mode) \(file).new && mv -f \(file).new \(file)\n"
        }
        script += "systemctl daemon-reload\n"
        return script
    }

    /// Restarts docker with the new drop-in (docker-machine: `systemctl daemon-reload` and `systemctl -f restart docker`,
    /// docker/machine libmachine/provision/systemd.go `Service`). When dockerd does not come up, prints
    /// its last journal lines on stderr, restores the saved files and restarts the engine as it was,
    /// then exits 3 (2 when even the old engine did not come back).
    public static let restart = path + """
        if systemctl restart docker.service; then exit 0; fi
        echo "docker.service did not start:" >&2
        journalctl -u docker.service -n 12 --no-pager -o cat >&2 2>/dev/null || systemctl status docker.service --no-pager -l >&2 || true
        """ + "\n" + restoreBody + "\nexit 3\n"

    /// Puts back what `install` saved and restarts the engine as it was (the ping failed after a restart).
    public static let restore = path + restoreBody + "\n"

    /// Puts back what `install` saved, without touching the running engine (`install` itself failed).
    public static let restoreFiles = path + restoreFilesBody + "\n"

    private static let restoreFilesBody = """
        for file in \(managed.joined(separator: " ")); do
          saved=\(backup)/${file##*/}
          if [ -e "$saved" ]; then cp -p "$saved" "$file"; else rm -f "$file"; fi
        done
        systemctl daemon-reload
        """

    /// Restores, reloads, and starts docker again through its socket unit where it has one.
    private static let restoreBody = restoreFilesBody + "\n" + """
        systemctl stop docker.service >/dev/null 2>&1 || true
        systemctl reset-failed docker.service >/dev/null 2>&1 || true
        if systemctl cat docker.socket >/dev/null 2>&1; then systemctl restart docker.socket >/dev/null 2>&1 || true; fi
        if ! systemctl start docker.service; then echo "the previous engine did not start again either" >&2; exit 2; fi
        """

    private static func dirname(_ path: String) -> String {
        String(path[..<path.lastIndex(of: "/")!])
    }
}
