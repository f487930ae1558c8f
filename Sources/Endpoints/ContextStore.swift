import Core
import Foundation
internal import COpenSSL

/// docker contexts (docker/cli cli/context/store/metadatastore.go, tlsstore.go): `contexts/meta/<sha256(name)>/meta.json` plus TLS files in
/// `contexts/tls/<sha256(name)>/docker/`.
public enum ContextStore {
    /// `DOCKER_CONFIG`, else `~/.docker`.
    public static func configDirectory(environment: [String: String], homeDirectory: String) -> String {
        if let dir = environment["DOCKER_CONFIG"], !dir.isEmpty { return dir }
        return FileCheck.join(homeDirectory, ".docker")
    }

    /// docker/cli cli/context/store/store.go `restrictedNamePattern`.
    static let namePattern = "^[a-zA-Z0-9][a-zA-Z0-9_.+-]+$"

    /// `ValidateContextName` without a regex engine: two or more characters, the first a letter or digit.
    static func isValidName(_ name: String) -> Bool {
        func isAlnum(_ s: Unicode.Scalar) -> Bool { s.isASCII && (("a"..."z").contains(s) || ("A"..."Z").contains(s) || ("0"..."9").contains(s)) }
        let scalars = name.unicodeScalars
        guard scalars.count >= 2, let first = scalars.first, isAlnum(first) else { return false }
        return scalars.allSatisfy { isAlnum($0) || "_.+-".unicodeScalars.contains($0) }
    }

    /// The store's folder name for a context: lowercase hex SHA-256 of the name.
    public static func contextID(_ name: String) -> String {
        var digest = [UInt8](repeating: 0, count: Int(SHA256_DIGEST_LENGTH))
        let bytes = Array(name.utf8)
        _ = bytes.withUnsafeBufferPointer { input in
            digest.withUnsafeMutableBufferPointer { output in
                SHA256(input.baseAddress, input.count, output.baseAddress)
            }
        }
        let hex: [Character] = Array("0123456789abcdef")
        var out = ""
        out.reserveCapacity(64)
        for byte in digest {
            out.append(hex[Int(byte >> 4)])
            out.append(hex[Int(byte & 0x0f)])
        }
        return out
    }

    /// Every context with a usable docker endpoint, sorted by name, and `currentContext` from
    /// `config.json` (reported for marking only; every context is loaded).
    public static func load(
        configDirectory: String
    ) -> (endpoints: [Endpoint], diagnostics: [Diagnostic], currentContext: String?) {
        var diagnostics: [Diagnostic] = []
        let current = currentContext(configDirectory: configDirectory, diagnostics: &diagnostics)
        let metaRoot = FileCheck.join(configDirectory, "contexts/meta")
        guard FileCheck.isDirectory(metaRoot) else { return ([], diagnostics, current) }

        var endpoints: [Endpoint] = []
        for file in metaFiles(under: metaRoot) {
            switch loadContext(metaFile: file, configDirectory: configDirectory) {
            case .success(let (endpoint, warnings)):
                endpoints.append(endpoint)
                diagnostics += warnings
            case .failure(let failure):
                diagnostics.append(failure.diagnostic)
            }
        }
        endpoints.sort { $0.name < $1.name }
        return (endpoints, diagnostics, current)
    }

    /// docker walks `meta/` recursively for directories holding `meta.json`.
    static func metaFiles(under root: String) -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: root) else { return [] }
        var files: [String] = []
        while let relative = walker.nextObject() as? String {
            if relative.hasSuffix("/meta.json") {
                files.append(FileCheck.join(root, relative))
            }
        }
        return files.sorted()
    }

    static func loadContext(
        metaFile: String, configDirectory: String
    ) -> Result<(Endpoint, [Diagnostic]), DiagnosticError> {
        let data: Data
        do throws(RegularFile.ReadError) { data = try FileCheck.read(metaFile) } catch {
            return .failure(.error("context store: \(error)"))
        }
        return loadContext(meta: data, metaFile: metaFile, configDirectory: configDirectory)
    }

    /// One context from the bytes of its `meta.json`; TLS files are still looked up under
    /// `configDirectory`. Split from the file reading so that it can be fuzzed (Fuzz/).
    static func loadContext(
        meta data: Data, metaFile: String, configDirectory: String
    ) -> Result<(Endpoint, [Diagnostic]), DiagnosticError> {
        let meta: JSONObject
        do throws(JSONObject.ParseError) {
            meta = try JSONObject.parse(data)
        } catch {
            return .failure(.error("context store: \(metaFile): \(error)"))
        }
        guard let name = meta.string("Name"), !name.isEmpty else {
            return .failure(.error("context store: \(metaFile): no context name"))
        }
        guard name != "default" else {
            return .failure(.error("context store: \(metaFile): \"default\" is a reserved context name"))
        }
        guard isValidName(name) else {
            return .failure(.error("context store: \(metaFile): context name \"\(name)\" is invalid, "
                + "names are validated against regexp \"\(namePattern)\""))
        }
        guard let docker = meta.object("Endpoints")?.exactObject("docker") else {
            return .failure(.warning("context \(name) (\(metaFile)): no docker endpoint, skipped"))
        }
        let host = docker.string("Host") ?? ""
        let skipVerify = docker.bool("SkipTLSVerify") ?? false

        let tlsDir = FileCheck.join(configDirectory, "contexts/tls/\(contextID(name))/docker")
        let ca = FileCheck.join(tlsDir, "ca.pem"), cert = FileCheck.join(tlsDir, "cert.pem")
        let key = FileCheck.join(tlsDir, "key.pem")
        let present = (ca: FileCheck.exists(ca), cert: FileCheck.exists(cert), key: FileCheck.exists(key))
        let wantsTLS = present.ca || present.cert || present.key || skipVerify

        let address: EngineAddress
        do throws(HostSyntaxError) {
            address = try HostSyntax.parseContextHost(host, tls: wantsTLS)
        } catch {
            return .failure(.error("context \(name) (\(metaFile)): \(error)"))
        }
        if case .fd = address {
            return .failure(.error("context \(name) (\(metaFile)): \(host): fd:// names a descriptor handed to dmux "
                + "by its parent, which a file cannot know; use -H \(name)=\(host)"))
        }
        var endpoint = Endpoint(name: name, source: .context(name: name), address: address, origin: metaFile)
        guard wantsTLS, !address.isSocket else { return .success((endpoint, [])) }

        var warnings: [Diagnostic] = []
        if !present.ca && !skipVerify {
            return .failure(.error("context \(name): TLS verification needs \(ca) (dmux trusts only the engine's "
                + "own CA, never system roots): open \(ca): no such file or directory"))
        }
        var settings = TLSSettings(
            caFile: present.ca ? ca : "", certificateFile: cert, privateKeyFile: key, verify: !skipVerify)
        if !(present.cert && present.key) {
            let missing = [present.cert ? nil : cert, present.key ? nil : key].compactMap { $0 }
            warnings.append(.warning("context \(name): no client certificate will be sent (missing "
                + missing.joined(separator: ", ") + ")"))
            settings.certificateFile = nil
            settings.privateKeyFile = nil
        }
        if let keyFile = settings.privateKeyFile, let warning = FileCheck.unprotectedKeyWarning(keyFile) {
            warnings.append(.warning("context \(name): \(warning)"))
        }
        endpoint.tls = settings
        endpoint.certDirectory = tlsDir
        return .success((endpoint, warnings))
    }

    /// `currentContext` from `config.json`; absent file or key = none. A broken file is reported.
    static func currentContext(configDirectory: String, diagnostics: inout [Diagnostic]) -> String? {
        let file = FileCheck.join(configDirectory, "config.json")
        guard FileCheck.exists(file) else { return nil }
        let data: Data
        do throws(RegularFile.ReadError) { data = try FileCheck.read(file) } catch {
            diagnostics.append(.warning("docker config: \(error)"))
            return nil
        }
        do throws(JSONObject.ParseError) {
            let value = try JSONObject.parse(data).string("currentContext")
            return value?.isEmpty == false ? value : nil
        } catch {
            diagnostics.append(.warning("docker config: \(file): \(error)"))
            return nil
        }
    }
}
