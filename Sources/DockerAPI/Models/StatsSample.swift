/// One `GET /containers/{id}/stats` object, with the derived numbers `docker stats` shows,
/// computed as docker/cli's stats_helpers.go does on Linux daemons.
public struct StatsSample: Decodable, Sendable, Hashable {
    public struct CPU: Decodable, Sendable, Hashable {
        public var totalUsage: UInt64
        public var percpuUsage: [UInt64]
        public var systemUsage: UInt64
        public var onlineCPUs: UInt64

        public init(totalUsage: UInt64, percpuUsage: [UInt64] = [], systemUsage: UInt64, onlineCPUs: UInt64) {
            self.totalUsage = totalUsage
            self.percpuUsage = percpuUsage
            self.systemUsage = systemUsage
            self.onlineCPUs = onlineCPUs
        }

        private struct Usage: Decodable {
            var total: UInt64?
            var percpu: [UInt64]?
            enum CodingKeys: String, CodingKey { case total = "total_usage", percpu = "percpu_usage" }
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: AnyKey.self)
            let usage: Usage? = c.optional("cpu_usage")
            totalUsage = usage?.total ?? 0
            percpuUsage = usage?.percpu ?? []
            systemUsage = c.value("system_cpu_usage", default: 0)
            onlineCPUs = c.value("online_cpus", default: 0)
        }
    }

    public struct BlkioEntry: Decodable, Sendable, Hashable {
        public var op: String
        public var value: UInt64
        enum CodingKeys: String, CodingKey { case op, value }
    }

    public var name: String
    public var id: String
    public var read: String
    public var cpu: CPU
    public var preCPU: CPU
    public var memoryUsage: UInt64
    public var memoryLimit: UInt64
    public var memoryStats: [String: UInt64]
    /// Network name → (rx, tx) bytes.
    public var networks: [String: NetworkIO]
    public var blkio: [BlkioEntry]
    public var pids: UInt64

    public struct NetworkIO: Decodable, Sendable, Hashable {
        public var rxBytes: UInt64
        public var txBytes: UInt64
        enum CodingKeys: String, CodingKey { case rxBytes = "rx_bytes", txBytes = "tx_bytes" }
        public init(rxBytes: UInt64, txBytes: UInt64) {
            self.rxBytes = rxBytes
            self.txBytes = txBytes
        }
    }

    private struct Memory: Decodable {
        var usage: UInt64?
        var limit: UInt64?
        var stats: [String: UInt64]?
    }

    private struct Blkio: Decodable {
        var entries: [BlkioEntry]?
        enum CodingKeys: String, CodingKey { case entries = "io_service_bytes_recursive" }
    }

    private struct Pids: Decodable {
        var current: UInt64?
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        name = c.value("name", default: "")
        id = c.value("id", default: "")
        read = c.value("read", default: "")
        cpu = c.value("cpu_stats", default: CPU(totalUsage: 0, systemUsage: 0, onlineCPUs: 0))
        preCPU = c.value("precpu_stats", default: CPU(totalUsage: 0, systemUsage: 0, onlineCPUs: 0))
        let memory: Memory? = c.optional("memory_stats")
        memoryUsage = memory?.usage ?? 0
        memoryLimit = memory?.limit ?? 0
        memoryStats = memory?.stats ?? [:]
        networks = c.value("networks", default: [:])
        let blk: Blkio? = c.optional("blkio_stats")
        blkio = blk?.entries ?? []
        let p: Pids? = c.optional("pids_stats")
        pids = p?.current ?? 0
    }

    public init(
        name: String, id: String, cpu: CPU, preCPU: CPU, memoryUsage: UInt64, memoryLimit: UInt64,
        memoryStats: [String: UInt64] = [:], networks: [String: NetworkIO] = [:], blkio: [BlkioEntry] = [], pids: UInt64 = 0
    ) {
        self.name = name
        self.id = id
        self.read = ""
        self.cpu = cpu
        self.preCPU = preCPU
        self.memoryUsage = memoryUsage
        self.memoryLimit = memoryLimit
        self.memoryStats = memoryStats
        self.networks = networks
        self.blkio = blkio
        self.pids = pids
    }

    /// (cpuDelta / systemDelta) × onlineCPUs × 100; 0 without a previous sample.
    public var cpuPercent: Double {
        let cpuDelta = Double(cpu.totalUsage) - Double(preCPU.totalUsage)
        let systemDelta = Double(cpu.systemUsage) - Double(preCPU.systemUsage)
        var online = Double(cpu.onlineCPUs)
        if online == 0 { online = Double(cpu.percpuUsage.count) }
        guard systemDelta > 0, cpuDelta > 0 else { return 0 }
        return cpuDelta / systemDelta * online * 100
    }

    /// Usage minus inactive file cache (cgroup v1 `total_inactive_file`, v2 `inactive_file`).
    public var memUsage: Double {
        if let v = memoryStats["total_inactive_file"], v < memoryUsage { return Double(memoryUsage - v) }
        if let v = memoryStats["inactive_file"], v < memoryUsage { return Double(memoryUsage - v) }
        return Double(memoryUsage)
    }

    public var memLimit: Double { Double(memoryLimit) }

    public var memPercent: Double {
        memoryLimit == 0 ? 0 : memUsage / Double(memoryLimit) * 100
    }

    /// Summed over all networks.
    public var netIO: (rx: Double, tx: Double) {
        networks.values.reduce((0, 0)) { ($0.0 + Double($1.rxBytes), $0.1 + Double($1.txBytes)) }
    }

    /// Bytes read and written, from ops starting with r/R and w/W.
    public var blockIO: (read: Double, write: Double) {
        var r: UInt64 = 0
        var w: UInt64 = 0
        for entry in blkio {
            switch entry.op.first {
            case "r", "R": r &+= entry.value
            case "w", "W": w &+= entry.value
            default: break
            }
        }
        return (Double(r), Double(w))
    }
}
