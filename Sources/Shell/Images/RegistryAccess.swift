import Core
import DockerAPI
import Endpoints
import Foundation
import Registry

/// The shell's way to the credentials the docker CLI keeps (`$DOCKER_CONFIG/config.json`, else
/// `~/.docker/config.json`, and the helpers it names), read fresh for every command so that a
/// `docker login` in another terminal counts at once.
struct RegistryAccess {
    let environment: [String: String]
    let configDirectory: String

    init(_ invocation: Invocation) {
        environment = invocation.shell.environment
        let home = environment["HOME"] ?? NSHomeDirectory()
        configDirectory = ContextStore.configDirectory(environment: environment, homeDirectory: home)
    }

    func store() throws -> CredentialStore {
        try CredentialStore(configDirectory: configDirectory, environment: environment)
    }

    /// `X-Registry-Auth` for a pull or push of `image`, as the docker CLI computes it
    /// (docker/cli: cli/command/registry.go `RetrieveAuthTokenFromImage`); `{}` when none is stored.
    func registryAuth(for image: String) throws -> String {
        let reference = try ImageReference(parsing: image)
        return try store().credentials(for: reference.authKey).registryAuthHeader
    }

    /// `X-Registry-Config` for a build's `FROM` pulls: URL-safe base64 of every stored
    /// registry's credentials by key (docker/cli `GetAllCredentials`).
    func registryConfig() throws -> String {
        let store = try store()
        var members: [(String, JSONValue)] = []
        for key in store.file.registryKeys {
            let credentials = try store.credentials(for: key)
            if !credentials.isEmpty { members.append((key, credentials.jsonValue)) }
        }
        return RegistryCredentials.urlSafeBase64(JSONValue.object(members).compact(escapingHTML: true))
    }
}
