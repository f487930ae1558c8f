import Endpoints

/// The variables that point the docker CLI (and compose, and scripts written for
/// docker-machine) at one engine, in docker-machine's order: DOCKER_TLS_VERIFY, DOCKER_HOST,
/// DOCKER_CERT_PATH, DOCKER_MACHINE_NAME.
enum DockerEnvironment {
    /// Every variable `!` replaces in the child's environment before setting the host's own.
    static let replaced = ["DOCKER_HOST", "DOCKER_TLS_VERIFY", "DOCKER_TLS", "DOCKER_CERT_PATH", "DOCKER_MACHINE_NAME", "DOCKER_CONTEXT"]

    /// `environment` locates the folder of links made when the TLS files are not in one folder.
    static func variables(
        for endpoint: Endpoint, environment: [String: String]
    ) throws(DockerEnvironmentError) -> [(name: String, value: String)] {
        if case .fd = endpoint.address {
            throw DockerEnvironmentError(
                "\(endpoint.name) is an inherited descriptor (fd://) that only dmux holds: no other program can reach it")
        }
        var variables: [(name: String, value: String)] = []
        var certPath: String?
        if let tls = endpoint.tls, !endpoint.address.isSocket {
            certPath = try certDirectory(endpoint, tls: tls, links: CertPathLinks(environment: environment))
            variables.append(tls.verify ? ("DOCKER_TLS_VERIFY", "1") : ("DOCKER_TLS", "1"))
        }
        variables.append(("DOCKER_HOST", endpoint.address.description))
        if let certPath { variables.append(("DOCKER_CERT_PATH", certPath)) }
        variables.append(("DOCKER_MACHINE_NAME", endpoint.name))
        return variables
    }

    /// `DOCKER_CERT_PATH` names a folder of `ca.pem`, `cert.pem` and `key.pem`: the endpoint's own
    /// folder or the one its files share, when the files in use are exactly those; else a folder
    /// of links to them (the endpoint's folder may be `~/.docker` while `--tlscacert` and friends
    /// named files elsewhere, and docker would then read the wrong ones).
    static func certDirectory(_ endpoint: Endpoint, tls: TLSSettings, links: CertPathLinks) throws(DockerEnvironmentError) -> String {
        let folders = [endpoint.certDirectory, tls.caFile.isEmpty ? nil : folder(of: tls.caFile)].compactMap { $0 }
        for folder in folders where holds(folder, tls) { return folder }
        return try links.folder(ca: tls.caFile, certificate: tls.certificateFile, key: tls.privateKeyFile)
    }

    /// True when every file in use is the docker name in `folder` (an absent one is not in use).
    static func holds(_ folder: String, _ tls: TLSSettings) -> Bool {
        func named(_ path: String?, _ name: String) -> Bool {
            guard let path, !path.isEmpty else { return true }
            return path == (folder.hasSuffix("/") ? folder + name : folder + "/" + name)
        }
        return named(tls.caFile, "ca.pem") && named(tls.certificateFile, "cert.pem") && named(tls.privateKeyFile, "key.pem")
    }

    private static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return String(path[..<slash])
    }
}

struct DockerEnvironmentError: Error, Sendable, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
