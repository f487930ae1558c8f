import Foundation
import Testing
@testable import Registry

/// `config.json` as docker/cli cli/config/configfile/file.go reads and writes it.
@Suite struct DockerConfigFileTests {
    let directory: String
    init() throws {
        directory = NSTemporaryDirectory() + "dmux-config-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    func write(_ text: String) throws { try text.write(toFile: directory + "/config.json", atomically: true, encoding: .utf8) }
    var written: String { (try? String(contentsOfFile: directory + "/config.json", encoding: .utf8)) ?? "" }

    @Test func readsUserAndPasswordFromBase64AndLegacyKeysByHostName() throws {
        try write(#"{"auths": {"https://r.example:5000/v1/": {"auth": "bWU6cDpx"}, "other": {"identitytoken": "t"}}}"#)
        let file = try DockerConfigFile(directory: directory)
        let found = try file.fileCredentials(for: "r.example:5000")
        #expect(found.username == "me" && found.password == "p:q" && found.serverAddress == "r.example:5000")
        #expect(try file.fileCredentials(for: "other").identityToken == "t")
        #expect(try file.fileCredentials(for: "absent").isEmpty)
    }

    /// A FIFO in place of config.json made the read wait for a writer forever; a missing file
    /// is still an empty config.
    @Test func aConfigThatIsAFIFOIsAnErrorAndAMissingOneIsEmpty() throws {
        #expect(try DockerConfigFile(directory: directory).fileCredentials(for: "r.example").isEmpty)
        #expect(mkfifo(directory + "/config.json", 0o600) == 0)
        let error = try #require(throws: ConfigFileError.self) { try DockerConfigFile(directory: directory) }
        #expect(error.description == "\(directory)/config.json: not a regular file (a FIFO)")
    }

    @Test func writesTabIndentedSortedAuths0600AndKeepsUnknownKeysInPlace() throws {
        try write(#"{"psFormat": "table {{.ID}}", "auths": {"z": {"auth": "eDp5"}}, "future": {"a": [1, true]}}"#)
        var file = try DockerConfigFile(directory: directory)
        file.setFileCredentials(RegistryCredentials(username: "me", password: "pw", serverAddress: "a:1"), for: "a:1")
        try file.save()
        #expect(written == "{\n\t\"psFormat\": \"table {{.ID}}\",\n\t\"auths\": {\n\t\t\"a:1\": {\n\t\t\t\"auth\": \"bWU6cHc=\"\n\t\t},\n\t\t\"z\": {\n\t\t\t\"auth\": \"eDp5\"\n\t\t}\n\t},\n\t\"future\": {\n\t\t\"a\": [\n\t\t\t1,\n\t\t\ttrue\n\t\t]\n\t}\n}")
        let mode = try FileManager.default.attributesOfItem(atPath: directory + "/config.json")[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test func aNewFileStartsWithAuthsAndAHelperLeavesAnEmptyEntry() throws {
        var file = try DockerConfigFile(directory: directory + "/new")
        file.setFileCredentials(nil, for: "r:1")
        try file.save()
        #expect((try? String(contentsOfFile: directory + "/new/config.json", encoding: .utf8)) == "{\n\t\"auths\": {\n\t\t\"r:1\": {}\n\t}\n}")
    }

    @Test func helpersArePickedPerRegistryThenTheStore() throws {
        try write(#"{"credsStore": "desktop", "credHelpers": {"gcr.io": "gcloud"}}"#)
        let file = try DockerConfigFile(directory: directory)
        #expect(file.helper(for: "gcr.io") == "gcloud")
        #expect(file.helper(for: "r:1") == "desktop")
    }

    @Test func aBrokenFileIsNamedInTheError() throws {
        try write("{not json")
        #expect { try DockerConfigFile(directory: directory) } throws: { "\($0)".hasPrefix(directory + "/config.json: ") }
    }

    @Test func aMissingHelperIsReportedAsDockerReportsIt() throws {
        let helper = CredentialHelper(name: "dmux-none-\(UUID().uuidString.prefix(4))", environment: ["PATH": "/usr/bin:/bin"])
        #expect { try helper.get("r:1") } throws: { "\($0)".contains("executable file not found in $PATH") }
    }
}
