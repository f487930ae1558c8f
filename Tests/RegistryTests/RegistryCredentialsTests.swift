import Foundation
import Testing
@testable import Registry

/// `X-Registry-Auth` and the `POST /auth` body as the docker CLI sends them, and a secret that
/// never shows in text.
@Suite struct RegistryCredentialsTests {
    @Test func theHeaderIsURLSafeBase64OfDockersJSON() throws {
        let credentials = RegistryCredentials(username: "me", password: "p>?~~", serverAddress: "127.0.0.1:5000")
        #expect(credentials.json == #"{"username":"me","password":"p\u003e?~~","serveraddress":"127.0.0.1:5000"}"#)
        let header = credentials.registryAuthHeader
        #expect(!header.contains("+") && !header.contains("/"))
        let standard = header.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        #expect(String(data: try #require(Data(base64Encoded: standard)), encoding: .utf8) == credentials.json)
    }

    @Test func noCredentialsIsAnEmptyObject() {
        #expect(RegistryCredentials(serverAddress: "").registryAuthHeader == "e30=")
        #expect(RegistryCredentials(identityToken: "tok", serverAddress: "r").json == #"{"serveraddress":"r","identitytoken":"tok"}"#)
    }

    @Test func theDescriptionNeverHoldsTheSecret() {
        let credentials = RegistryCredentials(username: "me", password: "hunter2", identityToken: "tok", serverAddress: "r")
        #expect(!"\(credentials)".contains("hunter2") && !"\(credentials)".contains("tok"))
    }
}
