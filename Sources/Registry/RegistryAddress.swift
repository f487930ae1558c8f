/// What `login` and `logout` make of the SERVER a user types (docker/cli:
/// cli/config/credentials/file_store.go `ConvertToHostname`, cli/command/registry/login.go).
public enum RegistryAddress {
    /// `https://host:port/v2/` and `host:port/path` become `host:port`.
    public static func hostname(_ maybeURL: String) -> String {
        var stripped = Substring(maybeURL)
        if let scheme = stripped.range(of: "://") {
            stripped = stripped[scheme.upperBound...]
        }
        return String(stripped.prefix { $0 != "/" })
    }

    /// The key `login SERVER` stores under: Docker Hub's key when no server (or `docker.io`) is
    /// given, else the server's host name.
    public static func loginKey(_ server: String?) -> String {
        guard let server, !server.isEmpty, server != "docker.io", server != ImageReference.hubAuthKey else {
            return ImageReference.hubAuthKey
        }
        return hostname(server)
    }
}
