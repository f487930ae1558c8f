import Foundation

/// `docker info`'s server section, line for line as the docker CLI (28.x) prints it
/// (cli/command/system/info.go, prettyPrintServerInfo); the client half is dmux's own.
public enum InfoReport {
    public static func server(_ i: SystemInfo) -> String {
        var out = Lines()
        out.line(" Containers: \(i.containers)")
        out.line("  Running: \(i.containersRunning)")
        out.line("  Paused: \(i.containersPaused)")
        out.line("  Stopped: \(i.containersStopped)")
        out.line(" Images: \(i.images)")
        out.nonEmpty(" Server Version:", i.serverVersion)
        out.nonEmpty(" Storage Driver:", i.driver)
        for pair in i.driverStatus where pair.count == 2 { out.line("  \(pair[0]): \(pair[1])") }
        for pair in i.systemStatus where pair.count == 2 { out.line(" \(pair[0]): \(pair[1])") }
        out.nonEmpty(" Logging Driver:", i.loggingDriver)
        out.nonEmpty(" Cgroup Driver:", i.cgroupDriver)
        out.nonEmpty(" Cgroup Version:", i.cgroupVersion)
        out.line(" Plugins:")
        out.line("  Volume: " + i.plugins.volume.joined(separator: " "))
        out.line("  Network: " + i.plugins.network.joined(separator: " "))
        if !i.plugins.authorization.isEmpty { out.line("  Authorization: " + i.plugins.authorization.joined(separator: " ")) }
        out.line("  Log: " + i.plugins.log.joined(separator: " "))
        if !i.cdiSpecDirs.isEmpty {
            out.line(" CDI spec directories:")
            for directory in i.cdiSpecDirs { out.line("  " + directory) }
        }
        out.line(" Swarm: " + i.swarm.localNodeState)
        swarm(i.swarm, into: &out)
        if !i.runtimeNames.isEmpty {
            out.line(" Runtimes: " + i.runtimeNames.joined(separator: " "))
            out.line(" Default Runtime: " + i.defaultRuntime)
        }
        if i.osType == "linux" {
            out.line(" Init Binary: " + i.initBinary)
            out.line(" containerd version: " + i.containerdCommit)
            out.line(" runc version: " + i.runcCommit)
            out.line(" init version: " + i.initCommit)
            if !i.securityOptions.isEmpty {
                out.line(" Security Options:")
                for option in i.securityOptions.map(SecurityOption.init) {
                    out.line("  " + option.name)
                    if let profile = option.profile { out.line("   Profile: " + profile) }
                }
            }
        }
        if i.osType == "windows" { out.line(" Default Isolation: " + i.isolation) }
        out.nonEmpty(" Kernel Version:", i.kernelVersion)
        out.nonEmpty(" Operating System:", i.operatingSystem)
        out.nonEmpty(" OSType:", i.osType)
        out.nonEmpty(" Architecture:", i.architecture)
        out.line(" CPUs: \(i.ncpu)")
        out.line(" Total Memory: " + GoUnits.bytesSize(Double(i.memTotal)))
        out.nonEmpty(" Name:", i.name)
        out.nonEmpty(" ID:", i.id)
        out.line(" Docker Root Dir: " + i.dockerRootDir)
        out.line(" Debug Mode: \(i.debug)")
        if i.debug {
            out.line("  File Descriptors: \(i.fileDescriptors)")
            out.line("  Goroutines: \(i.goroutines)")
            out.line("  System Time: " + i.systemTime)
            out.line("  EventsListeners: \(i.eventsListeners)")
        }
        out.nonEmpty(" HTTP Proxy:", i.httpProxy)
        out.nonEmpty(" HTTPS Proxy:", i.httpsProxy)
        out.nonEmpty(" No Proxy:", i.noProxy)
        out.nonEmpty(" Username:", i.userName)
        if !i.labels.isEmpty {
            out.line(" Labels:")
            for label in i.labels { out.line("  " + label) }
        }
        out.line(" Experimental: \(i.experimentalBuild)")
        if i.listsInsecureRegistries {
            out.line(" Insecure Registries:")
            for registry in i.insecureRegistries { out.line("  " + registry) }
        }
        if !i.registryMirrors.isEmpty {
            out.line(" Registry Mirrors:")
            for mirror in i.registryMirrors { out.line("  " + mirror) }
        }
        out.line(" Live Restore Enabled: \(i.liveRestoreEnabled)")
        out.nonEmpty(" Product License:", i.productLicense)
        if !i.defaultAddressPools.isEmpty {
            out.line(" Default Address Pools:")
            for pool in i.defaultAddressPools { out.line("   Base: \(pool.base), Size: \(pool.size)") }
        }
        // Docker ends the section with a blank line and writes the warnings to stderr (the info
        // command does the same, per host).
        return "Server:\n" + out.text
    }

    /// printSwarmInfo: nothing for an inactive or locked node.
    private static func swarm(_ s: SwarmInfo, into out: inout Lines) {
        guard s.localNodeState != "inactive" && s.localNodeState != "locked" else { return }
        out.line("  NodeID: " + s.nodeID)
        if !s.error.isEmpty { out.line("  Error: " + s.error) }
        out.line("  Is Manager: \(s.controlAvailable)")
        if let cluster = s.cluster, s.controlAvailable, s.error.isEmpty, s.localNodeState != "error" {
            out.line("  ClusterID: " + cluster.id)
            out.line("  Managers: \(s.managers)")
            out.line("  Nodes: \(s.nodes)")
            if let pools = cluster.defaultAddressPool {
                out.line("  Default Address Pool: " + pools.map { $0 + "  " }.joined())
                out.line("  SubnetSize: \(cluster.subnetSize)")
            }
            if cluster.dataPathPort > 0 { out.line("  Data Path Port: \(cluster.dataPathPort)") }
            out.line("  Orchestration:")
            out.line("   Task History Retention Limit: \(cluster.taskHistoryRetentionLimit)")
            out.line("  Raft:")
            out.line("   Snapshot Interval: \(cluster.snapshotInterval)")
            if let keep = cluster.keepOldSnapshots { out.line("   Number of Old Snapshots to Retain: \(keep)") }
            out.line("   Heartbeat Tick: \(cluster.heartbeatTick)")
            out.line("   Election Tick: \(cluster.electionTick)")
            out.line("  Dispatcher:")
            out.line("   Heartbeat Period: " + GoUnits.humanDuration(Double(cluster.dispatcherHeartbeatPeriod) / 1e9))
            out.line("  CA Configuration:")
            out.line("   Expiry Duration: " + GoUnits.humanDuration(Double(cluster.nodeCertExpiry) / 1e9))
            out.line("   Force Rotate: \(cluster.forceRotate)")
            let signing = cluster.signingCACert.trimmingCharacters(in: .whitespacesAndNewlines)
            if !signing.isEmpty { out.line("   Signing CA Certificate: \n\(signing)\n") }
            if !cluster.externalCAs.isEmpty {
                out.line("   External CAs:")
                for ca in cluster.externalCAs { out.line("     \(ca.protocol): \(ca.url)") }
            }
            out.line("  Autolock Managers: \(cluster.autoLockManagers)")
            out.line("  Root Rotation In Progress: \(cluster.rootRotationInProgress)")
        }
        out.line("  Node Address: " + s.nodeAddr)
        if !s.managerAddresses.isEmpty {
            out.line("  Manager Addresses:")
            for address in s.managerAddresses { out.line("   " + address) }
        }
    }

    /// One engine security option: `name=seccomp,profile=default`, or a bare name from old engines.
    private struct SecurityOption {
        var name = ""
        var profile: String?

        init(_ text: String) {
            guard text.contains("=") else {
                name = text
                return
            }
            for pair in text.split(separator: ",") {
                let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
                guard parts.count == 2 else { continue }
                if parts[0] == "name" { name = parts[1] } else if parts[0] == "profile" { profile = parts[1] }
            }
        }
    }

    /// Lines as Go's fmt.Fprintln writes them, with fprintlnNonEmpty's rule for optional fields.
    private struct Lines {
        var text = ""
        mutating func line(_ line: String) { text += line + "\n" }
        mutating func nonEmpty(_ label: String, _ value: String) {
            if !value.isEmpty { line(label + " " + value) }
        }
    }
}
