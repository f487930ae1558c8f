/// Where the credentials for one registry key live, decided as the docker CLI decides it
/// (docker/cli: cli/config/configfile/file.go `GetCredentialsStore`): `credHelpers[key]`, else
/// `credsStore`, else the `auths` of `config.json`.
public struct CredentialStore: Sendable {
    public private(set) var file: DockerConfigFile
    let environment: [String: String]

    public init(configDirectory: String, environment: [String: String]) throws(ConfigFileError) {
        self.file = try DockerConfigFile(directory: configDirectory)
        self.environment = environment
    }

    /// The helper that holds `key`'s secret, nil for the file itself.
    public func helper(for key: String) -> CredentialHelper? {
        file.helper(for: key).map { CredentialHelper(name: $0, environment: environment) }
    }

    /// The credentials for `key`; empty ones when none are stored.
    public func credentials(for key: String) throws -> RegistryCredentials {
        if let helper = helper(for: key) { return try helper.get(key) }
        return try file.fileCredentials(for: key)
    }

    /// Stores credentials as `docker login` does; true when the secret went into `config.json`
    /// in plain base64 (the caller warns, as docker does).
    @discardableResult
    public mutating func store(_ credentials: RegistryCredentials) throws -> Bool {
        let key = credentials.serverAddress
        if let helper = helper(for: key) {
            try helper.store(credentials)
            file.setFileCredentials(nil, for: key)
            try file.save()
            return false
        }
        file.setFileCredentials(credentials, for: key)
        try file.save()
        return !credentials.password.isEmpty
    }

    /// Erases `key` from its helper (if any) and from `auths`, as `docker logout` does.
    public mutating func erase(_ key: String) throws {
        if let helper = helper(for: key) { try helper.erase(key) }
        if file.removeFileCredentials(for: key) { try file.save() }
    }
}
