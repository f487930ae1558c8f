import Foundation
import Testing

/// docker's new short forms on one host print what the docker CLI prints: the same command
/// through dmux (`@unix1 …`) and through docker 28 on the same engine, bytes and status compared.
/// Only commands that leave the engine as they found it are compared this way; the ones that
/// change it (prune, cp, create) are compared in PruneCommandTests and CopyCommandTests.
@Suite struct SurfaceParityTests {
    static let engine = "unix1"

    static func expectSame(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) async throws {
        try await DockerParityTests.expectSame(engine, arguments, sourceLocation: sourceLocation)
    }

    @Test func historyIsDockersTable() async throws {
        try await Self.expectSame(["history", Fleet.image])
        try await Self.expectSame(["history", "--no-trunc", Fleet.image])
        try await Self.expectSame(["history", "-q", Fleet.image])
        try await Self.expectSame(["history", "--human=false", Fleet.image])
        try await Self.expectSame(["history", "--format", "{{.ID}} {{.Size}} {{.CreatedBy}}", Fleet.image])
        try await Self.expectSame(["history", "--format", "table {{.ID}}\t{{.Comment}}", Fleet.image])
        try await Self.expectSame(["history", "--format", "{{json .}}", Fleet.image])
        try await Self.expectSame(["history", "no-such-image-here"])
    }

    @Test func containerAnswersAreDockers() async throws {
        let exited = FleetDocker.uniqueName("surface")
        let running = FleetDocker.uniqueName("surface")
        defer { FleetDocker.remove(exited, from: [Self.engine]); FleetDocker.remove(running, from: [Self.engine]) }
        try FleetDocker.run(Self.engine, ["run", "--network", "none", "--name", exited, Fleet.image,
                                          "sh", "-c", "echo x > /made; rm /etc/hostname; touch /etc/passwd; exit 3"], allowFailure: true)
        try FleetDocker.run(Self.engine, ["run", "-d", "--network", "none", "--name", running, Fleet.image, "sleep", "300"])

        try await Self.expectSame(["diff", exited])
        try await Self.expectSame(["diff", "no-such-container-here"])
        try await Self.expectSame(["wait", exited])
        try await Self.expectSame(["container", "wait", exited])
        try await Self.expectSame(["wait", "no-such-container-here"])
        try await Self.expectSame(["port", running])
        try await Self.expectSame(["port", running, "80"])
        try await Self.expectSame(["port", running, "80/udp"])
        // docker asks the engine before it reads the port; dmux refuses the word before sending anything (status 2).
        let badPort = try await DockerParity.compare(Self.engine, ["port", running, "http"])
        #expect(badPort.dmux.stderr == badPort.docker[0].stderr && badPort.dmux.status == 2, "\(badPort)")
        try await Self.expectSame(["rename", "no-such-container-here", "other"])
        try await Self.expectSame(["attach", exited])
        try await Self.expectSame(["cp", "\(exited):/no-such-file", "/tmp/dmux-surface-nothing"])
        try await Self.expectSame(["cp", "\(exited):/made", "-"])
        try await Self.expectSame(["container", "inspect", "--format", "{{.State.ExitCode}}", exited])
    }

    @Test func networkAndVolumeAnswersAreDockers() async throws {
        let volume = FleetDocker.uniqueName("surface")
        defer { _ = try? FleetDocker.run(Self.engine, ["volume", "rm", volume], allowFailure: true) }
        // `volume create NAME` twice makes it once and prints the name both times.
        try await Self.expectSame(["volume", "create", volume])
        try await Self.expectSame(["volume", "inspect", "--format", "{{.Name}} {{.Driver}}", volume])
        try await Self.expectSame(["volume", "rm", "no-such-volume-here"])
        try await Self.expectSame(["network", "inspect", "--format", "{{.Name}} {{.Driver}}", "none"])
        try await Self.expectSame(["network", "rm", "no-such-network-here"])
        try await Self.expectSame(["network", "disconnect", "no-such-network-here", "no-such-container-here"])
    }
}
