import Foundation
import Testing

/// One targeted host prints what the docker CLI prints: every command that has a docker
/// equivalent, run through dmux (`@engine COMMAND`) and through the docker CLI on the same
/// engine, compared byte for byte — stdout, stderr where docker's is deterministic, exit status.
@Suite(.serialized) struct DockerParityTests {
    /// A quiet world: a sleeping container that printed two known lines, an exited one, a volume.
    /// Created once per test with the docker CLI, removed after. It lives on sock1, which no other
    /// suite puts containers, images or networks on, so whole-engine lists (`images`, `df -v`,
    /// `network ls`) hold still while the other suites run beside this one.
    struct World {
        let engine: String
        let quiet: String
        let exited: String
        let volume: String

        init(on engine: String = "sock1") throws {
            self.engine = engine
            try DockerParity.ensureImage(on: engine)
            quiet = FleetDocker.uniqueName("parity")
            exited = FleetDocker.uniqueName("parity")
            volume = FleetDocker.uniqueName("parity")
            try FleetDocker.run(engine, ["run", "-d", "--network", "none", "--name", quiet, Fleet.image,
                                         "sh", "-c", "echo first; echo second >&2; exec sleep 1000"])
            try FleetDocker.run(engine, ["run", "--network", "none", "--name", exited, Fleet.image, "sh", "-c", "exit 3"],
                                allowFailure: true)
            try FleetDocker.run(engine, ["volume", "create", volume])
            // The logs are written before `run -d` returns only if the shell got that far.
            for _ in 0..<50 where try FleetDocker.run(engine, ["logs", quiet]).stdout.isEmpty { usleep(100_000) }
        }

        func remove() {
            FleetDocker.remove(quiet, from: [engine])
            FleetDocker.remove(exited, from: [engine])
            // What a failed `run` left behind (docker keeps a container that could not start).
            if let left = try? FleetDocker.output(engine, ["ps", "-aq", "--filter", "label=\(Self.label)"]), !left.isEmpty {
                for id in left.split(separator: "\n") { FleetDocker.remove(String(id), from: [engine]) }
            }
            _ = try? FleetDocker.run(engine, ["volume", "rm", volume], allowFailure: true)
        }

        static let label = "dmux-parity"
    }

    static func expectSame(_ engine: String, _ arguments: [String], dmux: [String]? = nil, stderr: Bool = true,
                           sourceLocation: SourceLocation = #_sourceLocation) async throws {
        // Several clocks in one table ("5 seconds ago" beside "Up 4 seconds") can tick between any
        // two runs: a real difference fails every round, a tick only one.
        var comparison = try await DockerParity.compare(engine, arguments, dmuxArguments: dmux, compareStderr: stderr)
        for _ in 1..<3 where !comparison.matches {
            comparison = try await DockerParity.compare(engine, arguments, dmuxArguments: dmux, compareStderr: stderr)
        }
        let same = comparison.matches
        #expect(same, "\(arguments.joined(separator: " "))\n\(comparison)", sourceLocation: sourceLocation)
    }

    @Test func listsAreDockersTables() async throws {
        let world = try World()
        defer { world.remove() }
        let e = world.engine
        try await Self.expectSame(e, ["ps"])
        try await Self.expectSame(e, ["ps", "-a"])
        try await Self.expectSame(e, ["ps", "-n", "1"])
        try await Self.expectSame(e, ["ps", "--filter", "name=\(world.quiet)"])
        try await Self.expectSame(e, ["ps", "-a", "--filter", "name=\(world.exited)"])
        try await Self.expectSame(e, ["ps", "-a", "-q", "--filter", "name=\(world.quiet)"])
        try await Self.expectSame(e, ["ps", "-a", "--no-trunc", "--filter", "name=\(world.quiet)"])
        try await Self.expectSame(e, ["ps", "-a", "-s", "--filter", "name=\(world.exited)"])
        try await Self.expectSame(e, ["ps", "-a", "--filter", "name=\(world.quiet)", "--format", "{{.Names}} {{.Status}} {{.Command}}"])
        try await Self.expectSame(e, ["ps", "-a", "--filter", "name=\(world.quiet)", "--format", "table {{.ID}}\t{{.Names}}\t{{.Image}}"])
        try await Self.expectSame(e, ["ps", "--filter", "name=no-such-container-here"])
        try await Self.expectSame(e, ["ps", "-a", "--filter", "name=\(world.quiet)", "--format", "{{json .}}"])
        try await Self.expectSame(e, ["images", "--format", "{{json .}}"])
        try await Self.expectSame(e, ["network", "ls", "--filter", "name=none", "--format", "{{json .}}"])
        try await Self.expectSame(e, ["volume", "ls", "--filter", "name=\(world.volume)", "--format", "{{json .}}"])
        try await Self.expectSame(e, ["images"])
        try await Self.expectSame(e, ["images", "-q"])
        try await Self.expectSame(e, ["images", "--digests"])
        try await Self.expectSame(e, ["images", "--format", "{{.Repository}}:{{.Tag}} {{.Size}}"])
        try await Self.expectSame(e, ["network", "ls"])
        try await Self.expectSame(e, ["network", "ls", "-q"])
        try await Self.expectSame(e, ["network", "ls", "--no-trunc"])
        try await Self.expectSame(e, ["volume", "ls", "--filter", "name=\(world.volume)"])
        try await Self.expectSame(e, ["volume", "ls", "-q", "--filter", "name=\(world.volume)"])
        try await Self.expectSame(e, ["system", "df"], dmux: ["df"])
        try await Self.expectSame(e, ["system", "df", "-v"])
    }

    @Test func reportsAreDockersReports() async throws {
        let world = try World()
        defer { world.remove() }
        let e = world.engine
        try await Self.expectSame(e, ["inspect", world.quiet])
        try await Self.expectSame(e, ["inspect", "--type", "volume", world.volume])
        try await Self.expectSame(e, ["inspect", Fleet.image])
        try await Self.expectSame(e, ["inspect", "-f", "{{.State.Status}} {{.Name}}", world.quiet, world.exited])
        try await Self.expectSame(e, ["inspect", "--format", "{{json .Config.Cmd}}", world.quiet])
        try await Self.expectSame(e, ["top", world.quiet])
        try await Self.expectSame(e, ["logs", world.quiet])
        try await Self.expectSame(e, ["logs", "--tail", "1", world.quiet])
        try await Self.expectSame(e, ["logs", "-t", world.quiet])
        try await Self.expectSame(e, ["stats", "--no-stream", world.exited])
        try await Self.expectSame(e, ["stats", "--no-stream", "-a", "--format", "table {{.Name}}\t{{.PIDs}}\t{{.BlockIO}}"])
        try await Self.expectSame(e, ["top", world.quiet, "-o", "pid,comm"])
        try await Self.expectSame(e, ["logs", "--since", "2000-01-01T00:00:00Z", "--until", "2100-01-01T00:00:00Z", world.quiet])
        try await Self.expectSame(e, ["stats", "--no-stream", "--format", "{{.Name}} {{.PIDs}} {{.NetIO}}", world.quiet])
        try await Self.expectSame(e, ["version", "--format", "{{.Server.Version}} {{.Server.APIVersion}}"])
        try await Self.expectSame(e, ["info", "--format", "{{.ServerVersion}} {{.Name}} {{.ID}}"])
    }

    /// docker's management forms are the same nodes as the short forms, with docker's answers,
    /// and `container|image|network|volume inspect` look up that type only.
    @Test func managementFormsAreDockers() async throws {
        let world = try World()
        defer { world.remove() }
        let e = world.engine
        try await Self.expectSame(e, ["container", "ls", "-a", "--filter", "name=\(world.quiet)"])
        try await Self.expectSame(e, ["container", "ps", "--filter", "name=\(world.quiet)"])
        try await Self.expectSame(e, ["container", "list", "-aq", "--filter", "name=\(world.exited)"])
        try await Self.expectSame(e, ["container", "inspect", "-f", "{{.State.Status}} {{.Name}}", world.quiet, world.exited])
        try await Self.expectSame(e, ["container", "inspect", "none"])
        try await Self.expectSame(e, ["container", "logs", "--tail", "1", world.quiet])
        try await Self.expectSame(e, ["container", "top", world.quiet])
        try await Self.expectSame(e, ["image", "ls"])
        try await Self.expectSame(e, ["image", "list", "-q"])
        try await Self.expectSame(e, ["image", "inspect", "-f", "{{.Id}}", Fleet.image])
        try await Self.expectSame(e, ["network", "list", "--filter", "name=none"])
        try await Self.expectSame(e, ["network", "inspect", "-f", "{{.Name}} {{.Driver}}", "none"])
        try await Self.expectSame(e, ["volume", "inspect", world.volume])
        try await Self.expectSame(e, ["volume", "ls", "--filter", "name=\(world.volume)"])
        try await Self.expectSame(e, ["system", "df"])
        try await Self.expectSame(e, ["system", "info", "--format", "{{.ServerVersion}} {{.Name}}"])
    }

    /// A finished window of events has one answer; the CLI prints it in the local zone.
    @Test func eventsOfAFinishedWindow() async throws {
        let start = Int(Date().timeIntervalSince1970) - 1
        let world = try World()
        defer { world.remove() }
        let end = Int(Date().timeIntervalSince1970) + 1
        sleep(2)
        try await Self.expectSame(world.engine, ["events", "--since", "\(start)", "--until", "\(end)", "--filter", "container=\(world.quiet)"])
        try await Self.expectSame(world.engine, ["events", "--since", "\(start)", "--until", "\(end)"])
        try await Self.expectSame(world.engine, ["events", "--since", "\(start)", "--until", "\(end)", "--filter", "type=volume",
                                           "--format", "{{.Type}} {{.Action}} {{.Actor.ID}}"])
    }

    /// run and exec pass on the process's output on the right streams and its exit status.
    @Test func processesEndWithTheirOwnStatus() async throws {
        let world = try World()
        defer { world.remove() }
        let e = world.engine
        let script = "echo out; echo err >&2; exit 7"
        try await Self.expectSame(e, ["run", "--rm", "-l", World.label, "--network", "none", Fleet.image, "sh", "-c", script])
        try await Self.expectSame(e, ["run", "--rm", "-l", World.label, "--network", "none", Fleet.image, "true"])
        try await Self.expectSame(e, ["exec", world.quiet, "sh", "-c", script])
        try await Self.expectSame(e, ["exec", world.quiet, "echo", "hello"])
        try await Self.expectSame(e, ["exec", "-d", world.quiet, "true"])
        // A new ID each time: the same shape, the ID alone on stdout.
        let detached = try await DockerParity.dmux(DockerParity.line(e, ["run", "-d", "--rm", "-l", World.label, "--network", "none", Fleet.image, "true"]))
        #expect(detached.status == 0 && detached.stderr == "", "\(detached)")
        #expect(detached.stdout.range(of: "^[0-9a-f]{64}\n$", options: .regularExpression) != nil, "\(detached)")
        // Bytes as they come: a `\r` kept, no newline added, a character cut nowhere.
        let bytes = #"printf 'x\r\ny'; printf 'é' >&2"#
        try await Self.expectSame(e, ["exec", world.quiet, "sh", "-c", bytes])
        try await Self.expectSame(e, ["run", "--rm", "-l", World.label, "--network", "none", Fleet.image, "sh", "-c", bytes])
        try await Self.expectSame(e, ["run", "--rm", "-t", "-l", World.label, "--network", "none", Fleet.image, "sh", "-c", bytes])
        let printed = FleetDocker.uniqueName("parity")
        try FleetDocker.run(e, ["run", "--network", "none", "--name", printed, Fleet.image, "sh", "-c", bytes])
        defer { FleetDocker.remove(printed, from: [e]) }
        try await Self.expectSame(e, ["logs", printed])
    }

    /// The engine's refusals in docker's words on stderr, and docker's status.
    @Test func errorsAreDockersWords() async throws {
        let world = try World()
        defer { world.remove() }
        let e = world.engine
        try await Self.expectSame(e, ["inspect", "no-such-object"])
        try await Self.expectSame(e, ["inspect", world.quiet, "no-such-object"])
        try await Self.expectSame(e, ["inspect", "--type", "container", "no-such-object"])
        try await Self.expectSame(e, ["inspect", "--type", "image", world.quiet])
        try await Self.expectSame(e, ["inspect", "-f", "{{.Id}}", "--type", "volume", "no-such-object"])
        try await Self.expectSame(e, ["rm", "-f", "no-such-container"])
        try await Self.expectSame(e, ["run", "--rm", "-l", World.label, "--network", "none", Fleet.image, "no-such-command"])
        try await Self.expectSame(e, ["exec", world.quiet, "no-such-command"])
        try await Self.expectSame(e, ["logs", "no-such-container"])
        try await Self.expectSame(e, ["top", "no-such-container"])
        try await Self.expectSame(e, ["stats", "--no-stream", "no-such-container"])
        try await Self.expectSame(e, ["exec", "no-such-container", "true"])
        try await Self.expectSame(e, ["exec", world.exited, "true"])
        try await Self.expectSame(e, ["rmi", "no-such-image"])
        // No registry is reachable here: the engine's refusal, after docker's default-tag line.
        try await Self.expectSame(e, ["pull", "no-such/image"])
        try await Self.expectSame(e, ["pull", "no-such/image:1"])
        try await Self.expectSame(e, ["pause", world.exited])
        try await Self.expectSame(e, ["unpause", world.quiet])
        try await Self.expectSame(e, ["kill", world.exited])
        try await Self.expectSame(e, ["rm", world.quiet, "no-such-container"])
        // Last: it starts the exited container again (it exits at once).
        try await Self.expectSame(e, ["start", "no-such-container", world.exited])
    }

    /// Lifecycle commands print the names they acted on; each pair acts on its own container.
    @Test func lifecycleCommandsPrintTheirContainers() async throws {
        let world = try World()
        defer { world.remove() }
        for step in [["pause"], ["unpause"], ["stop", "-t", "1"], ["start"], ["restart", "-t", "1"], ["kill"], ["rm"]] {
            // docker acts, then dmux repeats the same step on the container docker put back.
            let docker = try await DockerParity.docker(world.engine, step + [world.quiet])
            try undo(step, world)
            let ours = try await DockerParity.dmux(DockerParity.line(world.engine, step + [world.quiet]))
            #expect(DockerParity.Outcome(stdout: ours.stdout, stderr: ours.stderr, status: ours.status) == docker,
                    "\(step): dmux \(ours)\ndocker \(docker)")
        }
    }

    /// Puts back what `step` changed, so dmux finds the container as docker did.
    func undo(_ step: [String], _ world: World) throws {
        switch step[0] {
        case "pause": try FleetDocker.run(world.engine, ["unpause", world.quiet])
        case "unpause": try FleetDocker.run(world.engine, ["pause", world.quiet])
        case "stop", "kill": try FleetDocker.run(world.engine, ["start", world.quiet])
        case "start": try FleetDocker.run(world.engine, ["stop", "-t", "1", world.quiet])
        case "rm":
            try FleetDocker.run(world.engine, ["create", "--network", "none", "--name", world.quiet, Fleet.image, "sleep", "1000"])
        default: break
        }
    }

    /// `version` and `info` line for line on every kind of engine: unix, TLS, socket-activated.
    /// The client half is each client's own (docker's version and plugins, dmux has none), so the
    /// server section is compared; `Runtimes:` is a Go map the engine lists in random order.
    @Test(arguments: ["unix1", "tls1", "tls2", "sock1"])
    func versionAndInfoServerSections(engine: String) async throws {
        for command in ["version", "info"] {
            // info counts containers, which other suites make and remove on the same engines.
            var comparison = try await DockerParity.compare(engine, [command])
            for _ in 1..<3 where !Self.serverSectionMatches(comparison) {
                comparison = try await DockerParity.compare(engine, [command])
            }
            let same = Self.serverSectionMatches(comparison)
            #expect(same, "\(command) on \(engine):\n\(comparison)")
        }
    }

    /// dmux's output is docker's from `Server:` on, as before or after it ran.
    static func serverSectionMatches(_ comparison: DockerParity.Comparison) -> Bool {
        comparison.docker.contains { docker in
            let server = docker.stdout.range(of: "Server:").map { String(docker.stdout[$0.lowerBound...]) } ?? "none"
            return docker.status == comparison.dmux.status && docker.stderr == comparison.dmux.stderr
                && sortingRuntimes(server) == sortingRuntimes(comparison.dmux.stdout)
        }
    }

    static func sortingRuntimes(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.hasPrefix(" Runtimes: ")
                ? " Runtimes: " + line.dropFirst(11).split(separator: " ").sorted().joined(separator: " ") : String(line)
        }.joined(separator: "\n")
    }

    /// The rule is on what was targeted: one engine configured and no @target is one host too;
    /// two targeted of which one answers keeps the multi-host shape.
    @Test func oneHostIsWhatWasTargeted() async throws {
        let world = try World(on: "unix1")
        defer { world.remove() }
        let alone = try await DockerParity.compare("unix1", ["inspect", world.quiet], dmuxOptions: ["-H", "unix1=\(try Fleet.unix1)"])
        #expect(alone.matches, "\(alone)")
        let both = try ThreeEngines.run("@unix1,tls1 inspect \(world.quiet)")
        #expect(both.status == 1 && both.stdout.hasPrefix("---------------\nunix1 (1)\n---------------\n[\n"), "\(both)")
        #expect(both.stderr.contains("tls1: No such object: \(world.quiet)\n"), "\(both)")
        // Two targeted, one of them down: still the multi-host shape.
        let down = try Dmux.run(try ThreeEngines.arguments + ["-H", "dead=unix:///nonexistent/docker.sock", "-c",
                                                               "@unix1,dead ps -a -q --filter name=\(world.quiet)"],
                                environment: try ThreeEngines.environment)
        #expect(down.status == 1 && down.lines.count == 1 && down.lines[0].hasPrefix("unix1 | "), "\(down)")
        #expect(down.stderr.contains("dead: "), "\(down)")
        // `use` and a glob that name one host are one host too.
        let docker = try await DockerParity.docker("unix1", ["inspect", "-f", "{{.Name}}", world.quiet])
        for line in ["use unix1; inspect -f {{.Name}} \(world.quiet)", "@unix* inspect -f {{.Name}} \(world.quiet)"] {
            let ours = try ThreeEngines.run(line)
            #expect(ours.stdout == docker.stdout && ours.status == 0, "\(line): \(ours)")
        }
        // A shape the user asks for is honoured for one host too.
        let asked = try ThreeEngines.run("@unix1 inspect --format grouped \(world.quiet)")
        #expect(asked.stdout.hasPrefix("---------------\nunix1 (1)\n"), "\(asked)")
        let json = try ThreeEngines.run("@unix1 ps -a --format json --filter name=\(world.quiet)")
        #expect(json.lines.count == 1 && json.lines[0].hasPrefix(#"{"host":"unix1","#), "\(json)")
    }
}
