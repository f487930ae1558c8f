import Foundation
import Testing
import TestSupport

/// `pull` and `rmi` through the real binary. No registry is reachable here, so a pull fails on
/// every host, and must say so in the engine's own words (the same words the docker CLI shows).
@Suite struct ImageCommandsTests {
    @Test func pullOfAnUnreachableImageFailsOnEachHostWithTheEnginesMessage() throws {
        let image = "dmux-test/t-pull-\(UUID().uuidString.prefix(8).lowercased()):1"
        let result = try RunCommandsTests.fleet("@u1,tls1,tls2 pull \(image)")
        #expect(result.status == 1, "\(result)")
        #expect(result.stderr.contains("3 of 3 hosts failed:"), "\(result)")

        // What the docker CLI reports for the same pull on u1.
        let docker = try ChildProcess.run(["/usr/bin/env", "docker", "-H", try Fleet.unix1, "pull", image], stdin: "",
                                    environment: ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin"],
                                    inherit: [:], timeout: 60)
        let prefix = "Error response from daemon: "
        let words = try #require(docker.stderr.split(separator: "\n").first { $0.hasPrefix(prefix) }, "\(docker)")
        let message = words.dropFirst(prefix.count)
        for host in ["u1", "tls1", "tls2"] {
            #expect(result.stderr.contains("\(host): \(message)\n"), "\(result)")
        }
    }

    @Test func rmiUntagsAndReportsAMissingImagePerHost() throws {
        let repository = "t-rmi-\(UUID().uuidString.prefix(8).lowercased())"
        let tagged = try RunCommandsTests.fleet("@u1,tls1 api POST '/images/\(Fleet.image)/tag?repo=\(repository)&tag=1'")
        #expect(tagged.status == 0, "\(tagged)")
        let result = try RunCommandsTests.fleet("@u1,tls1 rmi \(repository):1")
        #expect(result.status == 0, "\(result)")
        #expect(Set(result.lines) == ["u1   | Untagged: \(repository):1", "tls1 | Untagged: \(repository):1"], "\(result)")
        let again = try RunCommandsTests.fleet("@u1,tls1 rmi \(repository):1")
        #expect(again.status == 1, "\(again)")
        #expect(again.stderr.contains("u1: No such image: \(repository):1\n"), "\(again)")
        #expect(again.stderr.contains("tls1: No such image: \(repository):1\n"), "\(again)")
        let one = try RunCommandsTests.fleet("@u1 rmi \(repository):1")
        #expect(one.status == 1 && one.stderr == "Error response from daemon: No such image: \(repository):1\n", "\(one)")
    }
}
