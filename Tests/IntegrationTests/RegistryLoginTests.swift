import Foundation
import Testing
import TestSupport

/// `login`, `logout`, `push` and `pull` with credentials against the fleet's real registry, and
/// the same `config.json` read and written by the real docker CLI.
@Suite struct RegistryLoginTests {
    static func uniqueRepository(_ area: String) throws -> String {
        "\(try FleetRegistry.address)/dmux-test/\(area)-\(UUID().uuidString.prefix(8).lowercased())"
    }

    @Test func loginVerifiesOnEveryHostStoresOnceAndTheDockerCLIPushesWithIt() throws {
        let config = try FleetRegistry.configDirectory()
        let registry = try FleetRegistry.address
        let result = try FleetRegistry.dmux(
            "@u1,tls1,tls2 login \(registry) -u \(try FleetRegistry.user) --password-stdin", config: config,
            stdin: try FleetRegistry.password + "\n")
        #expect(result.status == 0, "\(result)")
        #expect(Set(result.lines) == ["u1   | Login Succeeded", "tls1 | Login Succeeded", "tls2 | Login Succeeded"], "\(result)")
        #expect(result.stderr.contains("WARNING! Your password will be stored unencrypted in \(config)/config.json.\n"), "\(result)")
        let password = try FleetRegistry.password
        #expect(!result.stdout.contains(password) && !result.stderr.contains(password))

        // Written as the docker CLI writes it: 0600, tab-indented, base64 user:password under the host.
        let file = config + "/config.json"
        let mode = try #require(try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int)
        #expect(mode == 0o600)
        let auth = Data("\(try FleetRegistry.user):\(try FleetRegistry.password)".utf8).base64EncodedString()
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "{\n\t\"auths\": {\n\t\t\"\(registry)\": {\n\t\t\t\"auth\": \"\(auth)\"\n\t\t}\n\t}\n}")

        // The docker CLI pushes with what dmux stored.
        let repository = try Self.uniqueRepository("cli-push")
        try FleetRegistry.docker("unix1", ["tag", Fleet.image, repository + ":1"], config: config)
        let pushed = try FleetRegistry.docker("unix1", ["push", repository + ":1"], config: config, allowFailure: true)
        #expect(pushed.status == 0, "\(pushed)")
    }

    @Test func aWrongPasswordFailsOnEachHostStoresNothingAndIsNeverPrinted() throws {
        let config = try FleetRegistry.configDirectory()
        let wrong = "not-the-password-\(UUID().uuidString.prefix(6))"
        let result = try FleetRegistry.dmux("@u1,tls1 login \(try FleetRegistry.address) -u dmux -p \(wrong)", config: config)
        #expect(result.status == 1, "\(result)")
        #expect(result.stderr.contains("WARNING! Using --password via the CLI is insecure. Use --password-stdin.\n"), "\(result)")
        for host in ["u1", "tls1"] {
            #expect(result.stderr.contains("\(host): "), "\(result)")
        }
        #expect(result.stderr.contains("2 of 2 hosts failed"), "\(result)")
        #expect(!result.stdout.contains(wrong) && !result.stderr.contains(wrong), "\(result)")
        #expect(!FileManager.default.fileExists(atPath: config + "/config.json"))
    }

    @Test func credentialsTheDockerCLIStoredPushFromOneHostAndPullOnTheOthers() throws {
        let config = try FleetRegistry.configDirectory()
        try FleetRegistry.docker("unix1", ["login", try FleetRegistry.address, "-u", try FleetRegistry.user, "--password-stdin"],
                                 config: config, stdin: try FleetRegistry.password)
        let repository = try Self.uniqueRepository("private")
        let pushed = try FleetRegistry.dmux("@u1 tag \(Fleet.image) \(repository):1; @u1 push \(repository):1", config: config)
        #expect(pushed.status == 0, "\(pushed)")
        // One targeted host: docker push's last line, without a host prefix.
        #expect(pushed.lines.last?.hasPrefix("1: digest: sha256:") == true, "\(pushed)")

        // Without credentials the registry refuses the pull, on each host.
        let refused = try FleetRegistry.dmux("@tls1,tls2 pull \(repository):1", config: try FleetRegistry.configDirectory())
        #expect(refused.status == 1, "\(refused)")
        #expect(refused.stderr.contains("tls1: ") && refused.stderr.contains("tls2: "), "\(refused)")

        let pulled = try FleetRegistry.dmux("@tls1,tls2 pull \(repository):1", config: config)
        #expect(pulled.status == 0, "\(pulled)")
        #expect(Set(pulled.lines) == ["tls1 | Status: Downloaded newer image for \(repository):1",
                                      "tls2 | Status: Downloaded newer image for \(repository):1"], "\(pulled)")
    }

    @Test func aCredentialHelperHoldsTheSecretAndLogoutErasesIt() throws {
        let config = try FleetRegistry.configDirectory()
        let store = config + "/helper-store"
        let bin = try FleetRegistry.credentialHelper(named: "dmuxtest", store: store)
        try #"{"credsStore": "dmuxtest", "psFormat": "table {{.Names}}"}"#.write(toFile: config + "/config.json", atomically: true, encoding: .utf8)
        let registry = try FleetRegistry.address
        let login = try FleetRegistry.dmux("@u1 login \(registry) -u dmux --password-stdin", config: config,
                                           stdin: try FleetRegistry.password, path: bin)
        #expect(login.status == 0, "\(login)")
        #expect(!login.stderr.contains("WARNING! Your password will be stored unencrypted"), "\(login)")
        let written = try String(contentsOfFile: config + "/config.json", encoding: .utf8)
        // The secret went to the helper; the file keeps an empty entry and the keys it had.
        #expect(written.contains("\"\(registry)\": {}") && written.contains("\"psFormat\": \"table {{.Names}}\""), "\(written)")
        #expect(!written.contains("auth\""), "\(written)")
        let held = try FileManager.default.contentsOfDirectory(atPath: store)
        #expect(held.count == 1)

        let repository = try Self.uniqueRepository("helper")
        let pushed = try FleetRegistry.dmux("@u1 tag \(Fleet.image) \(repository):1; @u1 push \(repository):1", config: config, path: bin)
        #expect(pushed.status == 0, "\(pushed)")

        let logout = try FleetRegistry.dmux("logout \(registry)", config: config, path: bin)
        #expect(logout.status == 0, "\(logout)")
        #expect(logout.stdout == "Removing login credentials for \(registry)\n", "\(logout)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: store).isEmpty)
        #expect(!(try String(contentsOfFile: config + "/config.json", encoding: .utf8)).contains(registry))
    }
}
