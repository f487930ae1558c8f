import Core
import Foundation

/// The docker-machine store (docker/machine libmachine/persist/filestore.go): `machines/NAME/config.json` plus the certificate
/// copies in that folder, read without ever contacting the machine.
public enum MachineStore {
    /// Newest `config.json` layout docker-machine v0.16 writes; older ones are migrated on load by
    /// docker-machine and read here with the same field names.
    public static let configVersion = 3
    static let defaultEnginePort = 2376

    /// `MACHINE_STORAGE_PATH`, else `~/.docker/machine`.
    public static func root(environment: [String: String], home: String) -> String {
        if let path = environment["MACHINE_STORAGE_PATH"], !path.isEmpty { return path }
        return FileCheck.join(home, ".docker/machine")
    }

    /// Every machine in the store, by directory name. A broken machine becomes one diagnostic and
    /// the others still load. A store without `machines/` holds no machines (not an error).
    public static func load(root: String) -> ([Endpoint], [Diagnostic]) {
        let machinesDir = FileCheck.join(root, "machines")
        guard FileCheck.isDirectory(machinesDir),
              let names = try? FileManager.default.contentsOfDirectory(atPath: machinesDir)
        else { return ([], []) }

        var endpoints: [Endpoint] = []
        var diagnostics: [Diagnostic] = []
        for name in names.sorted() where !name.hasPrefix(".")
            && FileCheck.isDirectory(FileCheck.join(machinesDir, name)) {
            do throws(DiagnosticError) {
                let (endpoint, warnings) = try endpoint(machine: name, root: root)
                endpoints.append(endpoint)
                diagnostics += warnings
            } catch {
                diagnostics.append(error.diagnostic)
            }
        }
        return (endpoints, diagnostics)
    }

    /// One machine by name: its endpoint and warnings, or nil and the reason it cannot be used.
    public static func machine(named name: String, root: String) -> (endpoint: Endpoint?, diagnostics: [Diagnostic]) {
        do throws(DiagnosticError) { return try endpoint(machine: name, root: root) } catch { return (nil, [error.diagnostic]) }
    }

    /// One machine's endpoint, as `eval $(docker-machine env NAME)` would configure the docker CLI.
    static func endpoint(machine name: String, root: String) throws(DiagnosticError) -> (Endpoint, [Diagnostic]) {
        guard EndpointName.isValid(name) else {
            throw .error("machine \"\(name)\" in \(root)/machines: not a valid machine name, skipped")
        }
        let dir = FileCheck.join(FileCheck.join(root, "machines"), name)
        let file = FileCheck.join(dir, "config.json")
        let data: Data
        do throws(RegularFile.ReadError) { data = try FileCheck.read(file) } catch { throw .error("machine \(name): \(error)") }
        return try endpoint(config: data, machine: name, root: root)
    }

    /// One machine's endpoint from the bytes of its `config.json`; certificates are still looked
    /// up in its folder. Split from the file reading so that it can be fuzzed (Fuzz/).
    static func endpoint(config data: Data, machine name: String, root: String) throws(DiagnosticError) -> (Endpoint, [Diagnostic]) {
        let dir = FileCheck.join(FileCheck.join(root, "machines"), name)
        let file = FileCheck.join(dir, "config.json")
        let config: JSONObject
        do throws(JSONObject.ParseError) {
            config = try JSONObject.parse(data)
        } catch {
            throw .error("machine \(name): \(file): \(error)")
        }
        let version = config.int("ConfigVersion") ?? 0
        guard version <= configVersion else {
            throw .error("machine \(name): \(file): ConfigVersion \(version) is newer than the supported "
                + "\(configVersion) (written by a newer docker-machine)")
        }
        let address = try address(config: config, machine: name, file: file)
        var endpoint = Endpoint(name: name, source: .machine(store: root), address: address, certDirectory: dir, origin: file)
        if address.isSocket { return (endpoint, []) }
        let (tls, warnings) = try tlsSettings(config: config, machine: name, dir: dir)
        endpoint.tls = tls
        return (endpoint, warnings)
    }

    /// `Driver.URL` if present (the `none` driver), else `tcp://IPAddress:(EnginePort|DockerPort|2376)`.
    static func address(config: JSONObject, machine: String, file: String) throws(DiagnosticError) -> EngineAddress {
        let driver = config.object("Driver")
        if let url = driver?.string("URL"), !url.isEmpty {
            let address: EngineAddress
            do throws(HostSyntaxError) {
                address = try HostSyntax.parse(url, defaultToTLS: true)
            } catch {
                throw .error("machine \(machine): \(file): Driver.URL: \(error)")
            }
            // Only dmux's parent can hand it a descriptor; a number in a file names whatever dmux has open.
            if case .fd = address { throw .error("machine \(machine): \(file): Driver.URL \(url): fd:// is not accepted from the machine store") }
            return address
        }
        guard let ip = driver?.string("IPAddress")?.trimmingWhitespace(), !ip.isEmpty else {
            throw .error("machine \(machine): \(file): neither Driver.URL nor Driver.IPAddress is set "
                + "(has the machine ever been started?)")
        }
        let port = try enginePort(driver: driver, machine: machine, file: file)
        let host: String
        var explicitPort: String?
        if ip.hasPrefix("[") {
            if let split = GoNet.splitHostPort(ip) {
                (host, explicitPort) = (split.host, split.port)
            } else {
                host = String(ip.dropFirst().prefix { $0 != "]" })
            }
        } else if ip.filter({ $0 == ":" }).count == 1, let split = GoNet.splitHostPort(ip) {
            (host, explicitPort) = (split.host, split.port)  // the none driver stores host:port
        } else {
            host = ip  // a name, IPv4, or unbracketed IPv6
        }
        let finalPort: Int
        if let explicitPort, !explicitPort.isEmpty {
            guard let p = Int(explicitPort), (0...65535).contains(p) else {
                throw .error("machine \(machine): \(file): Driver.IPAddress \"\(ip)\" has an invalid port")
            }
            finalPort = p
        } else {
            finalPort = port
        }
        return .tcp(host: host, port: finalPort, basePath: "")
    }

    /// `Driver.EnginePort`, else `Driver.DockerPort`, else 2376; a number outside 0-65535 is the
    /// machine's error (it would reach the dialer as a port no socket address can hold).
    static func enginePort(driver: JSONObject?, machine: String, file: String) throws(DiagnosticError) -> Int {
        for key in ["EnginePort", "DockerPort"] {
            guard let value = driver?[key] else { continue }
            if case .null = value { continue }
            guard let port = driver?.int(key), (0...65535).contains(port) else {
                throw .error("machine \(machine): \(file): Driver.\(key) \(value.shortDescription) is not a port (0-65535)")
            }
            return port
        }
        return defaultEnginePort
    }

    /// Always verified. Each file from the machine folder, else from `HostOptions.AuthOptions`
    /// (the `none` driver never provisions, so it has no copies).
    static func tlsSettings(
        config: JSONObject, machine: String, dir: String
    ) throws(DiagnosticError) -> (TLSSettings, [Diagnostic]) {
        let auth = config.object("HostOptions")?.object("AuthOptions")
        func locate(_ file: String, authKey: String) -> (path: String?, tried: [String]) {
            let copy = FileCheck.join(dir, file)
            if FileCheck.isFile(copy) { return (copy, [copy]) }
            let fallback = auth?.string(authKey) ?? config.string(authKey)  // pre-v1 kept them at top level
            if let fallback, !fallback.isEmpty, fallback != copy {
                return FileCheck.isFile(fallback) ? (fallback, [copy, fallback]) : (nil, [copy, fallback])
            }
            return (nil, [copy])
        }
        let ca = locate("ca.pem", authKey: "CaCertPath")
        guard let caFile = ca.path else {
            // A FIFO or a folder in its place is there but unusable: say which, not "missing".
            let problems = ca.tried.map { RegularFile.problem(with: $0) ?? RegularFile.ReadError(path: $0, reason: "unusable", code: nil) }
            throw .error("machine \(machine): TLS CA \(problems.allSatisfy { $0.code == ENOENT } ? "missing" : "unusable"): "
                + problems.map(\.description).joined(separator: "; "))
        }
        let cert = locate("cert.pem", authKey: "ClientCertPath")
        let key = locate("key.pem", authKey: "ClientKeyPath")
        var settings = TLSSettings(caFile: caFile, certificateFile: cert.path, privateKeyFile: key.path, verify: true)
        var warnings: [Diagnostic] = []
        if cert.path == nil || key.path == nil {
            // Why each file failed: missing, a directory, unreadable.
            let unusable = (cert.path == nil ? cert.tried : []) + (key.path == nil ? key.tried : [])
            let problems = unusable.map { FileCheck.problem(with: $0) ?? "open \($0): unusable" }
            warnings.append(.warning("machine \(machine): no client certificate will be sent ("
                + problems.joined(separator: "; ") + "); the engine will likely reject the connection"))
            settings.certificateFile = nil
            settings.privateKeyFile = nil
        }
        if let keyFile = settings.privateKeyFile, let warning = FileCheck.unprotectedKeyWarning(keyFile) {
            warnings.append(.warning("machine \(machine): \(warning)"))
        }
        return (settings, warnings)
    }
}
