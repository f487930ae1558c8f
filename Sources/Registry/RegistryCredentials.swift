import Core
import Foundation

/// One registry's credentials, as docker's `types.AuthConfig` holds them. Never printed: its
/// description hides the secret so that no error text or log line can carry it.
public struct RegistryCredentials: Sendable, Hashable, CustomStringConvertible {
    public var username: String
    public var password: String
    public var identityToken: String
    public var serverAddress: String

    public init(username: String = "", password: String = "", identityToken: String = "", serverAddress: String) {
        self.username = username
        self.password = password
        self.identityToken = identityToken
        self.serverAddress = serverAddress
    }

    public var isEmpty: Bool { username.isEmpty && password.isEmpty && identityToken.isEmpty }

    public var description: String { "credentials for \(serverAddress) (user \(username.isEmpty ? "none" : username))" }

    /// The JSON docker sends (moby api/types/registry `AuthConfig`, every field `omitempty`, in
    /// struct order), for `POST /auth` and inside `X-Registry-Auth`.
    public var json: String { jsonValue.compact(escapingHTML: true) }

    /// `json` as a value, to nest in a larger object (`X-Registry-Config`).
    public var jsonValue: JSONValue {
        var fields: [(String, String)] = []
        if !username.isEmpty { fields.append(("username", username)) }
        if !password.isEmpty { fields.append(("password", password)) }
        if !serverAddress.isEmpty { fields.append(("serveraddress", serverAddress)) }
        if !identityToken.isEmpty { fields.append(("identitytoken", identityToken)) }
        return .object(fields.map { ($0.0, .string($0.1)) })
    }

    /// `X-Registry-Auth`: URL-safe base64 (with padding) of `json` (moby api/pkg/authconfig `Encode`).
    public var registryAuthHeader: String { Self.urlSafeBase64(json) }

    /// Go's `base64.URLEncoding` (with padding), which the engine decodes these headers with.
    public static func urlSafeBase64(_ text: String) -> String {
        Data(text.utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
    }
}
