import DockerAPI
import Foundation
import Testing

@testable import Shell

/// The pure parts of the new docker commands: prune's words and requests, update's value parsers,
/// cp's argument split and local-path errors, checked against what docker 28 prints.
@Suite struct SurfaceCommandsUnitTests {
    static func arguments(_ flags: [String: String]) -> ParsedArguments {
        var parsed = ParsedArguments()
        for (flag, value) in flags { parsed.values[flag] = [value] }
        return parsed
    }

    /// Texts taken from `echo n | docker system prune …` (docker 28.2.2).
    @Test func systemPruneWarningIsDockersTemplate() throws {
        #expect(PruneCommands.systemWarning(Self.arguments([:]), Filters()) + " [y/N] " == """
            WARNING! This will remove:
              - all stopped containers
              - all networks not used by at least one container
              - all dangling images
              - unused build cache

            Are you sure you want to continue? [y/N] 
            """)
        var filters = Filters()
        try filters.parse("label=b")
        try filters.parse("label=a")
        #expect(PruneCommands.systemWarning(Self.arguments(["all": "true", "volumes": "true"]), filters) == """
            WARNING! This will remove:
              - all stopped containers
              - all networks not used by at least one container
              - all anonymous volumes not used by at least one container
              - all images without at least one container associated to them
              - all build cache

              Items to be pruned will be filtered with:
              - label=a
              - label=b

            Are you sure you want to continue?
            """)
    }

    @Test func theQuestionNamesTheHostsWhenThereAreSeveral() {
        let warning = "WARNING! This will remove all stopped containers.\nAre you sure you want to continue?"
        #expect(PruneConfirmation.message(warning, hosts: ["m1"], asDocker: true) == warning)
        #expect(PruneConfirmation.message(warning, hosts: ["m1", "m2"], asDocker: false)
                == "WARNING! This will remove all stopped containers.\nOn 2 hosts: m1, m2\nAre you sure you want to continue?")
    }

    @Test func pruneRequestsAreDockers() throws {
        let images = try PruneStep(target: .images, filters: Filters(), all: false).request(apiVersion: nil)
        #expect(images.path == "/images/prune" && images.query == [QueryItem("filters", #"{"dangling":{"true":true}}"#)])
        let everything = try PruneStep(target: .images, filters: Filters(), all: true).request(apiVersion: nil)
        #expect(everything.query == [QueryItem("filters", #"{"dangling":{"false":true}}"#)])
        let volumes = try PruneStep(target: .volumes, filters: Filters(), all: true).request(apiVersion: APIVersion(major: 1, minor: 43))
        #expect(volumes.query == [QueryItem("filters", #"{"all":{"true":true}}"#)])
        #expect(throws: PruneStep.Refusal.self) {
            try PruneStep(target: .volumes, filters: Filters(), all: true).request(apiVersion: APIVersion(major: 1, minor: 41))
        }
        let cache = try PruneStep(target: .buildCache, filters: Filters(), all: true).request(apiVersion: nil)
        #expect(cache.path == "/build/prune" && cache.query == [QueryItem("all", "1")])
    }

    @Test func pruneOutputIsDockers() throws {
        let report = try JSONDecoder().decode(PruneReport.self, from: Data("""
            {"ImagesDeleted":[{"Untagged":"bb:latest"},{"Deleted":"sha256:1"}],"SpaceReclaimed":2048}
            """.utf8))
        #expect(PruneStep.output(.images, report) == "Deleted Images:\nuntagged: bb:latest\ndeleted: sha256:1\n")
        #expect(PruneStep.space(.images, report) == 2048)
        let none = try JSONDecoder().decode(PruneReport.self, from: Data(#"{"ContainersDeleted":null,"SpaceReclaimed":5}"#.utf8))
        #expect(PruneStep.output(.containers, none) == "" && PruneStep.space(.containers, none) == 0)
    }

    @Test func updateValuesParseAsDockersDo() throws {
        #expect(try UpdateValues.bytes("512m", flag: "memory") == 512 << 20)
        #expect(try UpdateValues.bytes("1.5g", flag: "memory") == 3 << 29)
        #expect(try UpdateValues.bytes("2GiB", flag: "memory") == 2 << 30)
        #expect(try UpdateValues.bytes("1024", flag: "memory") == 1024)
        #expect(throws: ShellUsageError.self) { try UpdateValues.bytes("lots", flag: "memory") }
        #expect(try UpdateValues.swapBytes("-1") == -1)
        #expect(try UpdateValues.nanoCPUs("1.5") == 1_500_000_000)
        #expect(try UpdateValues.nanoCPUs(".25") == 250_000_000)
        #expect(throws: ShellUsageError.self) { try UpdateValues.nanoCPUs("0.0000000001") }
        #expect(try UpdateValues.restartPolicy("on-failure:3") == .object([("Name", .string("on-failure")), ("MaximumRetryCount", .int(3))]))
        #expect(throws: ShellUsageError.self) { try UpdateValues.restartPolicy(":3") }
        #expect(throws: ShellUsageError.self) { try UpdateValues.restartPolicy("on-failure:x") }
    }

    @Test func networkCreateSendsDockersCreateOptions() throws {
        var arguments = ParsedArguments()
        arguments.values = ["subnet": ["10.1.0.0/24,10.2.0.0/24"], "gateway": ["10.1.0.1"], "label": ["a=b"], "internal": ["true"],
                            "config-from": ["base"]]
        let body = try NetworkCommands.body(name: "n", arguments).compact
        #expect(body.contains(#""Name":"n","CheckDuplicate":true,"Driver":"bridge","Internal":true"#), "\(body)")
        #expect(body.contains(#""Config":[{"Subnet":"10.1.0.0/24","Gateway":"10.1.0.1"},{"Subnet":"10.2.0.0/24"}]"#), "\(body)")
        #expect(body.contains(#""Labels":{"a":"b"}"#) && body.contains(#""ConfigFrom":{"Network":"base"}"#), "\(body)")
        arguments.values["gateway"] = ["10.1.0.1", "10.2.0.1", "10.3.0.1"]
        #expect(throws: ShellUsageError.self) { try NetworkCommands.body(name: "n", arguments) }
    }

    @Test func cpSplitsItsArgumentsAsDockersSplitCpArg() {
        #expect(CopyCommand.split("web:/etc").container == "web")
        #expect(CopyCommand.split("web:/etc").path == "/etc")
        #expect(CopyCommand.split("/abs:with-colon").container == nil)
        #expect(CopyCommand.split("./file:name.txt").container == nil)
        #expect(CopyCommand.split("plain").container == nil)
    }

    @Test func aMissingLocalPathIsWordedAsDockersLstat() {
        #expect(LocalPath("/no-such-thing-here").missingError == "lstat //no-such-thing-here: no such file or directory")
        #expect(LocalPath("sub/nope", cwd: "/tmp").missingError == "lstat /tmp/sub: no such file or directory")
        #expect(LocalPath("x/", cwd: "/tmp").path == "/tmp/x/")
        #expect(LocalPath("../x/./y", cwd: "/tmp/a").path == "/tmp/x/y")
    }
}
