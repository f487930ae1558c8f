import Foundation
import Glibc
import Testing
import TestSupport

/// `image copy`, `save` and `load` between real engines: what arrives is the same image (same ID).
@Suite struct ImageTransferTests {
    static func uniqueImage(_ area: String) -> String { "dmux-test/\(area)-\(UUID().uuidString.prefix(8).lowercased()):1" }

    static func imageID(_ engine: String, _ image: String) throws -> String? {
        let result = try FleetDocker.run(engine, ["image", "inspect", "--format", "{{.Id}}", image], allowFailure: true)
        return result.status == 0 ? result.stdout.trimmingCharacters(in: .whitespacesAndNewlines) : nil
    }

    /// An image of one layer of `megabytes` of random data, made with `docker import` on `engine`.
    static func randomImage(_ name: String, megabytes: Int, on engine: String) throws {
        let directory = NSTemporaryDirectory() + "dmux-random-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: directory + "/root", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let made = try ChildProcess.run(["/bin/sh", "-c", """
            head -c \(megabytes)M /dev/urandom >"\(directory)/root/random" && tar -C "\(directory)/root" -cf "\(directory)/layer.tar" .
            """], environment: ["PATH": "/usr/bin:/bin"], timeout: 60)
        #expect(made.status == 0, "\(made)")
        try FleetDocker.run(engine, ["import", directory + "/layer.tar", name])
    }

    @Test func copyLoadsEveryTargetSkipsThoseThatHaveItAndForceCopiesAgain() throws {
        let image = Self.uniqueImage("copy")
        try FleetDocker.run("unix1", ["tag", Fleet.image, image])
        let source = try #require(try Self.imageID("unix1", image))
        defer { for engine in ["unix1", "tls1", "tls2"] { try? FleetDocker.run(engine, ["rmi", image], allowFailure: true) } }

        let copied = try RunCommandsTests.fleet("@u1,tls1,tls2 image copy \(image) --from u1")
        #expect(copied.status == 0, "\(copied)")
        #expect(Set(copied.lines) == ["tls1 | Loaded image: \(image)", "tls2 | Loaded image: \(image)"], "\(copied)")
        #expect(try Self.imageID("tls1", image) == source && Self.imageID("tls2", image) == source)

        let again = try RunCommandsTests.fleet("@tls1,tls2 image copy \(image) --from u1")
        #expect(again.status == 0, "\(again)")
        let short = String(source.dropFirst("sha256:".count).prefix(12))
        #expect(Set(again.lines) == ["tls1 | skipped: already has \(image) (\(short))", "tls2 | skipped: already has \(image) (\(short))"], "\(again)")

        let forced = try RunCommandsTests.fleet("@tls1 image copy \(image) --from u1 --force")
        // One target prints as docker load does: no host prefix.
        #expect(forced.lines == ["Loaded image: \(image)"], "\(forced)")
    }

    @Test func aTargetStoppedMidStreamIsReportedAndTheOthersComplete() throws {
        let image = Self.uniqueImage("copy-kill")
        try Self.randomImage(image, megabytes: 96, on: "unix1")
        defer { for engine in ["unix1", "tls1"] { try? FleetDocker.run(engine, ["rmi", image], allowFailure: true) } }
        let doomed = try SocketActivatedEngine()
        defer { doomed.stop() }

        let arguments = ["-H", "u1=\(try Fleet.unix1)", "-H", "doomed=\(doomed.url)", "-c", "@tls1,doomed image copy \(image) --from u1"]
        let environment = ["MACHINE_STORAGE_PATH": try Fleet.machineStore]
        let finished = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var outcome: Result<ProcessResult, Error>?
        Thread {
            outcome = Result { try Dmux.run(arguments, environment: environment, timeout: 120) }
            finished.signal()
        }.start()
        // dockerd's load unpacks into $DATA_ROOT/tmp/docker-import-*: once that exists the tar is
        // flowing into it. Kill the engine then, mid-stream.
        let deadline = Date().addingTimeInterval(60)
        var streaming = false
        while Date() < deadline, !streaming {
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: doomed.directory + "/data/tmp")) ?? []
            streaming = entries.contains { $0.hasPrefix("docker-import-") }
            if !streaming { usleep(5_000) }
        }
        #expect(streaming, "the load never started on the doomed engine")
        kill(doomed.pid, SIGKILL)
        finished.wait()
        let result = try #require(outcome).get()
        #expect(result.status == 1, "\(result)")
        #expect(result.lines == ["tls1   | Loaded image: \(image)"], "\(result)")
        #expect(result.stderr.contains("doomed: the engine ") && result.stderr.contains(" closed the connection\n"), "\(result)")
        #expect(result.stderr.contains("1 of 2 hosts failed: doomed"), "\(result)")
        #expect(try Self.imageID("tls1", image) == Self.imageID("unix1", image))
    }

    @Test func saveFromOneHostAndLoadIntoTheOthers() throws {
        let image = Self.uniqueImage("save")
        try FleetDocker.run("unix1", ["tag", Fleet.image, image])
        defer { for engine in ["unix1", "tls1", "tls2"] { try? FleetDocker.run(engine, ["rmi", image], allowFailure: true) } }
        let file = NSTemporaryDirectory() + "dmux-save-\(UUID().uuidString.prefix(8)).tar"
        defer { unlink(file) }

        let saved = try RunCommandsTests.fleet("@u1 save -o \(file) \(image)")
        #expect(saved.status == 0, "\(saved)")
        let attributes = try FileManager.default.attributesOfItem(atPath: file)
        #expect(try #require(attributes[.size] as? Int) > 1_000_000)
        #expect(attributes[.posixPermissions] as? Int == 0o600)  // docker's atomic writer's mode

        let twoHosts = try RunCommandsTests.fleet("@u1,tls1 save -o \(file) \(image)")
        #expect(twoHosts.status == 2, "\(twoHosts)")

        let loaded = try RunCommandsTests.fleet("@tls1,tls2 load -i \(file)")
        #expect(loaded.status == 0, "\(loaded)")
        #expect(Set(loaded.lines) == ["tls1 | Loaded image: \(image)", "tls2 | Loaded image: \(image)"], "\(loaded)")
        #expect(try Self.imageID("tls2", image) == Self.imageID("unix1", image))

        let missing = try RunCommandsTests.fleet("@tls1 load -i /nonexistent/x.tar")
        #expect(missing.status == 2 && missing.stderr.contains("/nonexistent/x.tar"), "\(missing)")
    }
}

extension ImageTransferTests {
    /// `dmux … -c SCRIPT` through `sh`, with stdin and stdout redirected as a user would in a pipeline.
    static func redirected(_ script: String, _ redirection: String) throws -> ProcessResult {
        try ChildProcess.run(["/bin/sh", "-c", "\"$0\" -H u1=\"$1\" -c \"$2\" " + redirection, Dmux.binary, try Fleet.unix1, script],
                             environment: ["PATH": "/usr/bin:/bin", "HOME": try Dmux.temporaryHome(), "DMUX_RC": "/dev/null",
                                           "MACHINE_STORAGE_PATH": try Fleet.machineStore],
                             inherit: [:], timeout: 120)
    }

    @Test func saveWithoutOutputWritesTheTarToStdoutAndLoadReadsStdinAsDockerDoes() throws {
        let image = Self.uniqueImage("pipe")
        try FleetDocker.run("unix1", ["tag", Fleet.image, image])
        defer { for engine in ["unix1", "tls2"] { try? FleetDocker.run(engine, ["rmi", image], allowFailure: true) } }
        let file = NSTemporaryDirectory() + "dmux-pipe-\(UUID().uuidString.prefix(8)).tar"
        defer { unlink(file) }

        let saved = try Self.redirected("@u1 save \(image)", ">\"\(file)\"")
        #expect(saved.status == 0 && saved.stderr.isEmpty, "\(saved)")
        let tar = try #require(FileManager.default.contents(atPath: file))
        #expect(tar.count > 1_000_000 && String(decoding: tar[257..<262], as: UTF8.self) == "ustar", "\(tar.count) bytes")

        let loaded = try Self.redirected("@tls2 load", "<\"\(file)\"")
        #expect(loaded.status == 0, "\(loaded)")
        #expect(loaded.stdout == "Loaded image: \(image)\n", "\(loaded)")
        #expect(try Self.imageID("tls2", image) == Self.imageID("unix1", image))
    }
}

/// `build` on every target with a context, a `.dockerignore` and a build argument.
@Suite struct BuildCommandTests {
    @Test func buildsOnEveryHostWithTheIgnoredFilesLeftOutAndTheArgumentSet() throws {
        let context = NSTemporaryDirectory() + "dmux-build-\(UUID().uuidString.prefix(8))"
        defer { try? FileManager.default.removeItem(atPath: context) }
        for folder in ["keep", "skip/back"] { try FileManager.default.createDirectory(atPath: context + "/" + folder, withIntermediateDirectories: true) }
        let files = [
            "Dockerfile": "FROM \(Fleet.image)\nARG GREETING=none\nCOPY . /ctx/\nRUN echo \"greeting=$GREETING\" && cd /ctx && find . -type f | sort | tr '\\n' ' ' && echo\n",
            ".dockerignore": "# comment\n*.txt\nskip\n!skip/back\n",
            "keep/a": "a", "skip/b": "b", "skip/back/c": "c", "secret.txt": "x",
        ]
        for (name, text) in files { try text.write(toFile: context + "/" + name, atomically: true, encoding: .utf8) }
        let image = "dmux-test/built-\(UUID().uuidString.prefix(8).lowercased()):1"
        defer { for engine in ["unix1", "tls1", "tls2"] { try? FleetDocker.run(engine, ["rmi", image], allowFailure: true) } }

        let result = try RunCommandsTests.fleet("@u1,tls1,tls2 build --no-cache -t \(image) --build-arg GREETING=hello --label dmux.test=1 \(context)")
        #expect(result.status == 0, "\(result)")
        for (host, engine) in [("u1  ", "unix1"), ("tls1", "tls1"), ("tls2", "tls2")] {
            #expect(result.lines.contains("\(host) | greeting=hello"), "\(result)")
            #expect(result.lines.contains("\(host) | ./.dockerignore ./Dockerfile ./keep/a ./skip/back/c "), "\(result)")
            let id = try FleetDocker.output(engine, ["image", "inspect", "--format", "{{.Id}} {{index .Config.Labels \"dmux.test\"}}", image])
            #expect(result.lines.contains("\(host) | built \(id.dropLast(2))"), "\(result)")
            #expect(id.hasSuffix(" 1"), "\(id)")
        }

        let json = try RunCommandsTests.fleet("@u1 build --format json -t \(image) \(context)")
        #expect(json.lines.last?.hasPrefix(#"{"host":"u1","id":"sha256:"#) == true, "\(json)")
    }

    /// Dockerfiles and contexts from stdin and from outside the folder, as docker takes them.
    @Test func buildTakesStdinAsADockerfileOrAnArchiveAndAddsADockerfileFromElsewhere() throws {
        let base = NSTemporaryDirectory() + "dmux-build-in-\(UUID().uuidString.prefix(8))"
        defer { try? FileManager.default.removeItem(atPath: base) }
        for folder in ["ctx", "elsewhere"] { try FileManager.default.createDirectory(atPath: base + "/" + folder, withIntermediateDirectories: true) }
        try "a".write(toFile: base + "/ctx/a", atomically: true, encoding: .utf8)
        let listing = "FROM \(Fleet.image)\nCOPY . /ctx/\nRUN cd /ctx && echo files: $(find . -type f | sort)\n"
        try listing.write(toFile: base + "/elsewhere/Dockerfile", atomically: true, encoding: .utf8)
        let image = "dmux-test/stdin-\(UUID().uuidString.prefix(8).lowercased()):1"
        defer { for engine in ["unix1", "tls1"] { try? FleetDocker.run(engine, ["rmi", image], allowFailure: true) } }
        func build(_ arguments: String, stdin: String) throws -> ProcessResult {
            try ImageTransferTests.redirected("@u1,tls1 build --no-cache -t \(image) \(arguments)", stdin)
        }

        // A Dockerfile on stdin is the whole context.
        let dockerfile = base + "/stdin.Dockerfile"
        try "FROM \(Fleet.image)\nRUN echo from-stdin\n".write(toFile: dockerfile, atomically: true, encoding: .utf8)
        let plain = try build("-", stdin: "<\"\(dockerfile)\"")
        #expect(plain.status == 0 && plain.stdout.contains("u1   | from-stdin") && plain.stdout.contains("tls1 | from-stdin"), "\(plain)")

        // An archive on stdin is sent as it is.
        let archive = base + "/ctx.tar"
        try "FROM \(Fleet.image)\nCOPY a /a\nRUN echo got-$(cat /a)\n".write(toFile: base + "/ctx/Dockerfile", atomically: true, encoding: .utf8)
        let tarred = try ChildProcess.run(["/bin/tar", "-C", base + "/ctx", "-cf", archive, "."], environment: ["PATH": "/usr/bin:/bin"], timeout: 30)
        #expect(tarred.status == 0, "\(tarred)")
        let fromTar = try build("-", stdin: "<\"\(archive)\"")
        #expect(fromTar.status == 0 && fromTar.stdout.contains("u1   | got-a") && fromTar.stdout.contains("tls1 | got-a"), "\(fromTar)")

        // `-f -` and `-f` outside the folder: the Dockerfile is added under a name the sent .dockerignore hides.
        try FileManager.default.removeItem(atPath: base + "/ctx/Dockerfile")
        for (arguments, stdin) in [("-f - \(base)/ctx", "<\"\(base)/elsewhere/Dockerfile\""), ("-f \(base)/elsewhere/Dockerfile \(base)/ctx", "</dev/null")] {
            let result = try build(arguments, stdin: stdin)
            #expect(result.status == 0, "\(arguments): \(result)")
            #expect(result.stdout.contains("u1   | files: ./a") && result.stdout.contains("tls1 | files: ./a"), "\(arguments): \(result)")
            #expect(!result.stdout.contains(".dockerfile."), "\(arguments): \(result)")
        }

        // docker's refusals.
        let both = try build("-f - -", stdin: "</dev/null")
        #expect(both.status == 2 && both.stderr.contains("invalid argument: can't use stdin for both build context and dockerfile"), "\(both)")
        let ambiguous = try build("-f Dockerfile -", stdin: "<\"\(dockerfile)\"")
        #expect(ambiguous.status == 2 && ambiguous.stderr.contains("ambiguous Dockerfile source: both stdin and flag correspond to Dockerfiles"), "\(ambiguous)")
    }
}
