import DockerAPI

/// `update [OPTIONS] CONTAINER…`: new resource limits or restart policy for containers on every
/// target (docker/cli cli/command/container/update.go); each updated container is printed.
enum UpdateCommand {
    /// docker's flags and the `UpdateConfig` field each one sets.
    static let numeric: [(flag: FlagSpec, field: String)] = [
        (FlagSpec("blkio-weight", value: "uint16", help: "Block IO (relative weight), between 10 and 1000, or 0 to disable (default 0)"), "BlkioWeight"),
        (FlagSpec("cpu-period", value: "int", help: "Limit CPU CFS (Completely Fair Scheduler) period"), "CpuPeriod"),
        (FlagSpec("cpu-quota", value: "int", help: "Limit CPU CFS (Completely Fair Scheduler) quota"), "CpuQuota"),
        (FlagSpec("cpu-rt-period", value: "int", help: "Limit the CPU real-time period in microseconds"), "CpuRealtimePeriod"),
        (FlagSpec("cpu-rt-runtime", value: "int", help: "Limit the CPU real-time runtime in microseconds"), "CpuRealtimeRuntime"),
        (FlagSpec("cpu-shares", short: "c", value: "int", help: "CPU shares (relative weight)"), "CpuShares"),
        (FlagSpec("pids-limit", value: "int", help: "Tune container pids limit (set -1 for unlimited)"), "PidsLimit"),
    ]

    static let spec: CommandSpec = {
        var spec = ContainerCommands.lifecycle(
            "update", "Update configuration of one or more containers",
            flags: numeric.map(\.flag) + [
                FlagSpec("cpus", value: "decimal", help: "Number of CPUs"),
                FlagSpec("cpuset-cpus", value: "string", help: "CPUs in which to allow execution (0-3, 0,1)"),
                FlagSpec("cpuset-mems", value: "string", help: "MEMs in which to allow execution (0-3, 0,1)"),
                FlagSpec("memory", short: "m", value: "bytes", help: "Memory limit"),
                FlagSpec("memory-reservation", value: "bytes", help: "Memory soft limit"),
                FlagSpec("memory-swap", value: "bytes", help: "Swap limit equal to memory plus swap: -1 to enable unlimited swap"),
                FlagSpec("restart", value: "string", help: "Restart policy to apply when a container exits",
                         completion: .values(["always", "no", "on-failure", "unless-stopped"])),
            ]
        ) { id, arguments in
            EngineRequests.update(id, config: try config(arguments))
        }
        return spec
    }()

    /// The `UpdateConfig` body for the flags given; docker refuses an update without any.
    static func config(_ arguments: ParsedArguments) throws(ShellUsageError) -> [String: JSONValue] {
        var config: [String: JSONValue] = [:]
        for (flag, field) in numeric {
            guard let text = arguments.value(flag.long) else { continue }
            guard let number = Int64(text), flag.long != "blkio-weight" || UInt16(text) != nil else {
                throw ShellUsageError("invalid argument \"\(text)\" for \"--\(flag.long)\" flag: strconv.ParseInt: parsing \"\(text)\": invalid syntax")
            }
            config[field] = .number(String(number))
        }
        if let text = arguments.value("cpus") { config["NanoCpus"] = .number(String(try UpdateValues.nanoCPUs(text))) }
        if let text = arguments.value("cpuset-cpus") { config["CpusetCpus"] = .string(text) }
        if let text = arguments.value("cpuset-mems") { config["CpusetMems"] = .string(text) }
        if let text = arguments.value("memory") { config["Memory"] = .number(String(try UpdateValues.bytes(text, flag: "memory"))) }
        if let text = arguments.value("memory-reservation") {
            config["MemoryReservation"] = .number(String(try UpdateValues.bytes(text, flag: "memory-reservation")))
        }
        if let text = arguments.value("memory-swap") { config["MemorySwap"] = .number(String(try UpdateValues.swapBytes(text))) }
        if let text = arguments.value("restart"), !text.isEmpty { config["RestartPolicy"] = try UpdateValues.restartPolicy(text) }
        guard !config.isEmpty || arguments.has("restart") else {
            throw ShellUsageError("you must provide one or more flags when using this command")
        }
        return config
    }
}
