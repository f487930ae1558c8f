import Core
import Foundation

/// The engine settings a generic machine records and its drop-in carries: the part of
/// docker-machine's `engine.Options` that its `--engine-*` flags fill (docker/machine libmachine/engine/engine.go,
/// commands/create.go). Kept in `config.json` so that `machine provision NAME` renders the same drop-in again.
public struct EngineOptions: Sendable, Hashable {
    /// `--engine-label K=V`, in the order given (the drop-in adds `provider=generic` after them).
    public var labels: [String] = []
    /// `--engine-insecure-registry`.
    public var insecureRegistries: [String] = []
    /// `--engine-registry-mirror`.
    public var registryMirrors: [String] = []
    /// `--engine-opt K=V`: dockerd flags without their `--` (docker-machine's `ArbitraryFlags`).
    public var arbitraryFlags: [String] = []
    /// `--engine-storage-driver`; empty: the driver the host's engine already uses.
    public var storageDriver: String = ""

    public init(labels: [String] = [], insecureRegistries: [String] = [], registryMirrors: [String] = [],
                arbitraryFlags: [String] = [], storageDriver: String = "") {
        self.labels = labels
        self.insecureRegistries = insecureRegistries
        self.registryMirrors = registryMirrors
        self.arbitraryFlags = arbitraryFlags
        self.storageDriver = storageDriver
    }

    /// `HostOptions.EngineOptions` of a saved `config.json`.
    init(engineOptions object: JSONObject) {
        func list(_ key: String) -> [String] { object.strings(key) ?? [] }
        labels = list("Labels")
        insecureRegistries = list("InsecureRegistry")
        registryMirrors = list("RegistryMirror")
        arbitraryFlags = list("ArbitraryFlags")
        storageDriver = object.string("StorageDriver") ?? ""
    }

    /// A value that would break the drop-in's one `ExecStart=` line, or split into two dockerd
    /// arguments, is refused before anything is sent: it names the flag and the value.
    public func validate() throws(MachineError) {
        let fields: [(String, [String])] = [
            ("--engine-label", labels), ("--engine-insecure-registry", insecureRegistries),
            ("--engine-registry-mirror", registryMirrors), ("--engine-opt", arbitraryFlags),
            ("--engine-storage-driver", storageDriver.isEmpty ? [] : [storageDriver]),
        ]
        for (flag, values) in fields {
            for value in values where value.isEmpty || value.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value == 0x7f || $0 == "\\" || $0 == "\"" || $0 == "'" || $0 == "%" || $0 == "$" }) {
                throw MachineError(.usage, "invalid \(flag) \"\(value)\": one word without spaces, quotes, backslashes, % or $ (it becomes a dockerd argument in a systemd unit)")
            }
        }
    }
}
