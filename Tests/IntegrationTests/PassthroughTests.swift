import Foundation
import Testing

/// `api` and `!PROGRAM` through the real binary on three engines.
@Suite struct PassthroughTests {
    @Test func apiPingIsOneGroupedBlock() throws {
        let result = try RunCommandsTests.fleet("@u1,tls1,tls2 api GET /_ping")
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout == "----------------\nu1,tls1,tls2 (3)\n----------------\nOK\n", "\(result)")
    }

    @Test func apiContainersJSONHasOneRecordPerHost() throws {
        let result = try RunCommandsTests.fleet("@u1,tls1,tls2 api GET '/v1.41/containers/json?all=1' --format json")
        #expect(result.status == 0, "\(result)")
        #expect(result.lines.count == 3, "\(result)")
        var hosts: Set<String> = []
        for line in result.lines {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            hosts.insert(try #require(object["host"] as? String))
            #expect(object["value"] is [Any], "\(line)")
            #expect(line.hasPrefix(#"{"host":"#), "host comes first: \(line)")
        }
        #expect(hosts == ["u1", "tls1", "tls2"])
    }

    @Test func apiPrettyPrintsInTheEnginesKeyOrder() throws {
        let result = try RunCommandsTests.fleet("@u1 api GET /version")
        #expect(result.status == 0, "\(result)")
        // The engine sends Platform first and ApiVersion later; a sorting printer would not.
        let platform = try #require(result.stdout.range(of: "\n    \"Platform\": {"))
        let api = try #require(result.stdout.range(of: "\n    \"ApiVersion\": \"1.41\""))
        #expect(platform.lowerBound < api.lowerBound, "\(result)")
    }

    @Test func apiErrorIsTheHostsFailureInTheEnginesWords() throws {
        let result = try RunCommandsTests.fleet("@u1,tls1 api GET /containers/t-api-missing/json")
        #expect(result.status == 1, "\(result)")
        #expect(result.stderr.contains("u1: No such container: t-api-missing\n"), "\(result)")
        #expect(result.stderr.contains("tls1: No such container: t-api-missing\n"), "\(result)")
    }

    @Test func dockerCLIRunsOncePerHostWithThatHostsEnvironment() throws {
        let name = RunCommandsTests.uniqueName("bang")
        defer { _ = try? RunCommandsTests.fleet("@u1,tls1,tls2 api DELETE '/containers/\(name)?force=1'") }
        let started = try RunCommandsTests.fleet("@u1,tls1,tls2 run -d --name \(name) --network none \(Fleet.image) sleep 120")
        #expect(started.status == 0, "\(started)")
        let result = try RunCommandsTests.fleet("@u1,tls1,tls2 !docker ps --filter name=\(name) --format '{{.Names}}'")
        #expect(result.status == 0, "\(result)")
        #expect(Set(result.lines) == ["u1   | \(name)", "tls1 | \(name)", "tls2 | \(name)"], "\(result)")
    }

    @Test func theEnvironmentIsTheHostsAndExitCodesAreCollected() throws {
        let result = try RunCommandsTests.fleet(
            #"@u1,tls1 !sh -c 'echo "$DOCKER_HOST|$DOCKER_TLS_VERIFY|$DOCKER_CERT_PATH|$DOCKER_MACHINE_NAME"; exit 4'"#)
        #expect(result.status == 1, "\(result)")
        #expect(Set(result.lines) == [
            "u1   | \(try Fleet.unix1)|||u1",
            "tls1 | \(try Fleet.tls1)|1|\(try Fleet.certs("tls1"))|tls1",
        ], "\(result)")
        #expect(result.stderr.contains("2 of 2 hosts failed: tls1 (exit code 4), u1 (exit code 4)"), "\(result)")
    }

    @Test func aMissingProgramFailsEachHostClearly() throws {
        let result = try RunCommandsTests.fleet("@u1 !t-no-such-program-here")
        #expect(result.status == 1, "\(result)")
        #expect(result.stderr.contains("u1: t-no-such-program-here: command not found"), "\(result)")
    }
}
