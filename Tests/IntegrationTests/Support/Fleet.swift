import Foundation
import Testing

/// The real engines that `scripts/fleet/start` runs, as its env file describes them.
///
/// A test that needs the fleet fails when it is missing: a missing engine is a broken test
/// environment, never a reason to skip.
enum Fleet {
    static let environment = ProcessInfo.processInfo.environment

    static func variable(_ name: String) throws -> String {
        guard let value = environment[name], !value.isEmpty else {
            throw FleetMissing(variable: name)
        }
        return value
    }

    /// `unix://…/unix1/docker.sock`: a plain engine on a unix socket.
    static var unix1: String { get throws { try variable("DMUX_FLEET_UNIX1") } }
    /// `tcp://127.0.0.1:P`: TLS engines whose certificates live in the machine store.
    static var tls1: String { get throws { try variable("DMUX_FLEET_TLS1") } }
    static var tls2: String { get throws { try variable("DMUX_FLEET_TLS2") } }
    /// `unix://…/sock1/docker.sock`: an engine started by systemd socket activation on first use.
    static var sock1: String { get throws { try variable("DMUX_FLEET_SOCK1") } }
    /// The docker-machine store holding `machines/tls1`, `machines/tls2` and `certs/`.
    static var machineStore: String { get throws { try variable("MACHINE_STORAGE_PATH") } }
    static var directory: String { get throws { try variable("DMUX_FLEET_DIR") } }

    /// The machine folder of a TLS engine: `ca.pem`, `cert.pem`, `key.pem`, `server*.pem`, `config.json`.
    static func certs(_ machine: String) throws -> String { try machineStore + "/machines/" + machine }

    /// The path of a unix URL.
    static func path(_ url: String) -> String {
        url.hasPrefix("unix://") ? String(url.dropFirst("unix://".count)) : url
    }

    /// The test image every engine has (imported by the fleet scripts; no registry is reachable).
    static let image = "dmux-test/busybox:latest"
}

struct FleetMissing: Error, CustomStringConvertible {
    let variable: String
    var description: String {
        "\(variable) is not set: start the test fleet (scripts/fleet/start; source $DMUX_FLEET_DIR/env) or run scripts/test"
    }
}
