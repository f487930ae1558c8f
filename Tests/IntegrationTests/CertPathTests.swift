import Foundation
import Glibc
import Testing
import TestSupport

/// Issue 12 item 9: with `--tlscacert`, `--tlscert` and `--tlskey` in three folders under other
/// names, `DOCKER_CERT_PATH` (in `env` and for `!`) was `~/.docker`, where the docker CLI found
/// nothing. Now it is a private folder of links under docker's names, and the real docker CLI
/// reaches the engine with it.
@Suite struct CertPathTests {
    let base: String
    let flags: [String]

    init() throws {
        base = try Dmux.temporaryHome()
        let folder = try Fleet.certs("tls1")
        var flags = ["--tlsverify"]
        for (file, flag, place) in [("ca.pem", "--tlscacert", "a/authority.crt"), ("cert.pem", "--tlscert", "b/client.crt"),
                                    ("key.pem", "--tlskey", "c/client.key")] {
            let target = base + "/" + place
            try FileManager.default.createDirectory(atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: folder + "/" + file, toPath: target)
            flags += [flag, target]
        }
        self.flags = flags + ["-H", "t=\(try Fleet.tls1)"]
    }

    var environment: [String: String] { ["XDG_CACHE_HOME": base + "/cache"] }

    @Test func passthroughDockerReachesTheEngine() throws {
        let result = try Dmux.run(flags + ["-c", "!docker version --format '{{.Server.APIVersion}}'"], environment: environment)
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.hasSuffix("1.41\n"), "\(result)")
    }

    @Test func envNamesAPrivateFolderOfLinksThatDockerUses() throws {
        let result = try Dmux.run(flags + ["env", "--shell", "bash", "t"], environment: environment)
        #expect(result.status == 0, "\(result)")
        let line = try #require(result.stdout.split(separator: "\n").first { $0.hasPrefix("export DOCKER_CERT_PATH=") }, "\(result)")
        let path = String(line.dropFirst("export DOCKER_CERT_PATH=\"".count).dropLast())
        #expect(path.hasPrefix(base + "/cache/dmux/cert-paths/"), "\(result)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: path + "/key.pem") == base + "/c/client.key")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: path + "/ca.pem") == base + "/a/authority.crt")
        var info = stat()
        #expect(stat(path, &info) == 0 && info.st_mode & 0o777 == 0o700, "private: \(String(info.st_mode & 0o777, radix: 8))")

        let docker = try ChildProcess.run(
            [FleetDocker.binary, "version", "--format", "{{.Server.APIVersion}}"],
            environment: ["PATH": "/usr/bin:/bin", "HOME": base, "DOCKER_TLS_VERIFY": "1", "DOCKER_HOST": try Fleet.tls1,
                          "DOCKER_CERT_PATH": path])
        #expect(docker.status == 0 && docker.stdout == "1.41\n", "\(docker)")

        let again = try Dmux.run(flags + ["env", "--shell", "bash", "t"], environment: environment)
        #expect(again.stdout == result.stdout, "the same files reuse the same folder")
    }
}
