import Endpoints

/// The variables that point the docker CLI (and compose, and scripts written for
/// docker-machine) at one engine, in docker-machine's order: DOCKER_TLS_VERIFY, DOCKER_HOST,
/// DOCKER_CERT_PATH, DOCKER_MACHINE_NAME.
enum DockerEnvironment {
    /// Every variable `!` replaces in the child's environment before setting the host's own.
    static let replaced = ["DOCKER_HOST", "DOCKER_TLS_VERIFY", "DOCKER_TLS", "DOCKER_CERT_PATH", "DOCKER_MACHINE_NAME", "DOCKER_CONTEXT"]

    static func variables(for endpoint: Endpoint) throws(DockerEnvironmentError) -> [(name: String, value: String)] {
        if case .fd = endpoint.address {
            throw DockerEnvironmentError(
                "\(endpoint.name) is an inherited descriptor (fd://) that only dmux holds: no other program can reach it")
        }
        var variables: [(name: String, value: String)] = []
        var certPath: String?
        if let tls = endpoint.tls, !endpoint.address.isSocket {
            certPath = try certDirectory(endpoint, tls: tls)
            variables.append(tls.verify ? ("DOCKER_TLS_VERIFY", "1") : ("DOCKER_TLS", "1"))
        }
        variables.append(("DOCKER_HOST", endpoint.address.description))
        if let certPath { variables.append(("DOCKER_CERT_PATH", certPath)) }
        variables.append(("DOCKER_MACHINE_NAME", endpoint.name))
        return variables
    }

    /// `DOCKER_CERT_PATH` names a folder of `ca.pem`, `cert.pem` and `key.pem`: the endpoint's own
    /// folder, or the one its files share under those names.
    static func certDirectory(_ endpoint: Endpoint, tls: TLSSettings) throws(DockerEnvironmentError) -> String {
        if let directory = endpoint.certDirectory { return directory }
        func split(_ path: String?) -> (String, String)? {
            guard let path, let slash = path.lastIndex(of: "/") else { return nil }
            return (String(path[..<slash]), String(path[path.index(after: slash)...]))
        }
        if let (directory, ca) = split(tls.caFile), ca == "ca.pem",
           split(tls.certificateFile).map({ $0 == (directory, "cert.pem") }) ?? true,
           split(tls.privateKeyFile).map({ $0 == (directory, "key.pem") }) ?? true {
            return directory
        }
        throw DockerEnvironmentError(
            "\(endpoint.name): its TLS files are not ca.pem, cert.pem and key.pem in one folder, which DOCKER_CERT_PATH needs")
    }
}

struct DockerEnvironmentError: Error, Sendable, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
