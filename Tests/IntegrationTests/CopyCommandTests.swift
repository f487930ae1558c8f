import Foundation
import Testing
import TestSupport

/// `cp` against the real fleet: one local tree into a container on three hosts at once, and
/// back out into one folder per host; on one host, the layout docker makes.
@Suite struct CopyCommandTests {
    static let hosts = ["unix1", "tls1", "tls2"]

    /// A local tree: `src/a`, `src/sub/b`, `src/link -> a`.
    static func tree() throws -> String {
        let root = NSTemporaryDirectory() + "dmux-cp-" + UUID().uuidString.prefix(8)
        try FileManager.default.createDirectory(atPath: root + "/src/sub", withIntermediateDirectories: true)
        try "one\n".write(toFile: root + "/src/a", atomically: true, encoding: .utf8)
        try "two\n".write(toFile: root + "/src/sub/b", atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: root + "/src/link", withDestinationPath: "a")
        return root
    }

    static func inContainer(_ engine: String, _ name: String, _ script: String) throws -> String {
        try FleetDocker.output(engine, ["exec", name, "sh", "-c", script])
    }

    @Test func aTreeGoesIntoEveryTargetAndComesBackOnePerHost() throws {
        let name = FleetDocker.uniqueName("cp")
        _ = try FleetDocker.create(name, on: Self.hosts, start: true)
        defer { FleetDocker.remove(name, from: Self.hosts) }
        let root = try Self.tree()
        defer { try? FileManager.default.removeItem(atPath: root) }

        // Into an existing directory, and onto a new name (moby's PrepareArchiveCopy rules).
        let copied = try ThreeEngines.run("cp \(root)/src \(name):/tmp; cp \(root)/src/a \(name):/tmp/renamed")
        #expect(copied.status == 0 && copied.stdout.isEmpty && copied.stderr.isEmpty, "\(copied)")
        for engine in Self.hosts {
            #expect(try Self.inContainer(engine, name, "cat /tmp/src/a /tmp/src/sub/b /tmp/renamed; readlink /tmp/src/link")
                    == "one\ntwo\none\na", "\(engine)")
        }

        let back = root + "/back"
        let fetched = try ThreeEngines.run("cp \(name):/tmp/src \(back)")
        #expect(fetched.status == 0, "\(fetched)")
        for engine in Self.hosts {
            #expect(try String(contentsOfFile: "\(back)/\(engine)/src/sub/b", encoding: .utf8) == "two\n", "\(engine)")
            #expect(try FileManager.default.destinationOfSymbolicLink(atPath: "\(back)/\(engine)/src/link") == "a")
        }

        // A directory onto a file is refused per host in docker's words.
        let refused = try ThreeEngines.run("@unix1,tls1 cp \(root)/src \(name):/tmp/renamed")
        #expect(refused.status == 1, "\(refused)")
        #expect(refused.stderr.contains("unix1: cannot copy directory\n") && refused.stderr.contains("tls1: cannot copy directory\n"), "\(refused)")
    }

    /// `cp - CONTAINER:DIR`: a tar on stdin, read once, unpacked on every target.
    @Test func aTarOnStdinGoesToEveryTarget() throws {
        let name = FleetDocker.uniqueName("cp")
        _ = try FleetDocker.create(name, on: Self.hosts, start: true)
        defer { FleetDocker.remove(name, from: Self.hosts) }
        let root = try Self.tree()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let packed = try ChildProcess.run(["/bin/tar", "-cf", root + "/in.tar", "-C", root, "src"], stdin: "",
                                          environment: ["PATH": "/usr/bin:/bin"], inherit: [:], timeout: 20)
        #expect(packed.status == 0, "\(packed)")
        let tar = String(decoding: try Data(contentsOf: URL(fileURLWithPath: root + "/in.tar")), as: UTF8.self)
        let copied = try Dmux.run(try ThreeEngines.arguments + ["-c", "cp - \(name):/tmp"], stdin: tar,
                                  environment: try ThreeEngines.environment)
        #expect(copied.status == 0, "\(copied)")
        for engine in Self.hosts { #expect(try Self.inContainer(engine, name, "cat /tmp/src/sub/b") == "two", "\(engine)") }
        let notADirectory = try Dmux.run(try ThreeEngines.arguments + ["-c", "@unix1 cp - \(name):/tmp/src/a"], stdin: tar,
                                         environment: try ThreeEngines.environment)
        #expect(notADirectory.status == 1 && notADirectory.stderr == "destination \"\(name):/tmp/src/a\" must be a directory\n", "\(notADirectory)")
    }

    /// `-a` keeps the local owner (the engine's copyUIDGID), without it root owns the copy; `-L`
    /// copies what a link points at, under the link's name, in both directions.
    @Test func archiveModeAndFollowLinkAreDockers() throws {
        let name = FleetDocker.uniqueName("cp")
        _ = try FleetDocker.create(name, on: ["unix1", "tls1"], start: true)
        defer { FleetDocker.remove(name, from: ["unix1", "tls1"]) }
        let root = try Self.tree()
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(chown(root + "/src/a", 1234, 5678) == 0)

        let copied = try ThreeEngines.run("@unix1,tls1 cp -a \(root)/src/a \(name):/tmp/kept; @unix1,tls1 cp \(root)/src/a \(name):/tmp/root; "
                                          + "@unix1,tls1 cp -L \(root)/src/link \(name):/tmp; @unix1,tls1 cp \(root)/src/link \(name):/tmp/plain")
        #expect(copied.status == 0, "\(copied)")
        for engine in ["unix1", "tls1"] {
            #expect(try Self.inContainer(engine, name, "stat -c %u:%g /tmp/kept /tmp/root") == "1234:5678\n0:0", "\(engine)")
            #expect(try Self.inContainer(engine, name, "cat /tmp/link; readlink /tmp/plain") == "one\na", "\(engine)")
        }
        try FleetDocker.run("unix1", ["exec", name, "ln", "-s", "/tmp/kept", "/tmp/to-kept"])
        let back = root + "/back"
        let fetched = try ThreeEngines.run("@unix1 cp -L \(name):/tmp/to-kept \(back)")
        #expect(fetched.status == 0, "\(fetched)")
        #expect(try String(contentsOfFile: back, encoding: .utf8) == "one\n")
    }

    /// One host: dmux leaves the same files docker leaves, for each of docker's destination cases.
    @Test func onOneHostTheLayoutIsDockers() throws {
        let name = FleetDocker.uniqueName("cp")
        _ = try FleetDocker.create(name, on: ["unix1"], start: true)
        defer { FleetDocker.remove(name, from: ["unix1"]) }
        let root = try Self.tree()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FleetDocker.run("unix1", ["cp", root + "/src", name + ":/tmp"])

        func listing(_ directory: String) throws -> [String] {
            (FileManager.default.enumerator(atPath: directory)?.allObjects as? [String] ?? []).sorted()
        }
        for (source, destination) in [("/tmp/src", "new"), ("/tmp/src", "existing"), ("/tmp/src/a", "file"), ("/tmp/src/a", "existing")] {
            let ours = root + "/ours", theirs = root + "/theirs"
            for folder in [ours, theirs] {
                try? FileManager.default.removeItem(atPath: folder)
                try FileManager.default.createDirectory(atPath: folder + "/existing", withIntermediateDirectories: true)
            }
            let dmux = try ThreeEngines.run("@unix1 cp \(name):\(source) \(ours)/\(destination)")
            let docker = try FleetDocker.run("unix1", ["cp", "\(name):\(source)", "\(theirs)/\(destination)"])
            #expect(dmux.status == 0 && dmux.stdout == docker.stdout && dmux.stderr == docker.stderr, "\(dmux)\n\(docker)")
            #expect(try listing(ours) == listing(theirs), "\(source) → \(destination)")
        }

        // A local source that is not there: docker's lstat words (dmux's status for bad input, 2).
        let missing = try ThreeEngines.run("@unix1 cp \(root)/nope \(name):/tmp")
        let docker = try FleetDocker.run("unix1", ["cp", "\(root)/nope", "\(name):/tmp"], allowFailure: true)
        #expect(missing.status == 2 && missing.stderr == docker.stderr, "\(missing)\n\(docker)")
    }
}
