import Foundation
import Glibc
import Testing
import TestSupport

/// `fd://N` names only a descriptor dmux inherited, once (issue 12, item 2): each case below
/// crashed dmux (SIGILL, or NIO's `epoll_ctl … File exists`) or rode another engine's connection.
@Suite struct InheritedDescriptorTests {
    /// No signal ended it: a trap shows as 128 + SIGILL or SIGTRAP.
    private func expectNoCrash(_ result: ProcessResult) {
        #expect(result.status < 128, "dmux crashed: \(result)")
    }

    private func hostNames(_ result: ProcessResult) -> [String] {
        result.lines.compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["host"] as? String
        }
    }

    @Test func oneInheritedDescriptorServesOneHost() throws {
        let fd = try FleetClient.connectedSocket(to: Fleet.path(try Fleet.unix1))
        defer { close(fd) }
        let result = try Dmux.run(["-H", "a=fd://5", "-H", "b=fd://5", "-c", "reconnect; hosts --format json"], inherit: [5: fd])
        expectNoCrash(result)
        #expect(hostNames(result) == ["a"], "\(result)")
        #expect(result.stderr.contains(
            "b: cannot use fd://5: already adopted by host 'a' (an inherited descriptor serves one host, once)\n"), "\(result)")
    }

    /// Numbers dmux did not inherit are its own (NIO's epoll and eventfds, engine sockets): refused, every one.
    @Test func aNumberDmuxDidNotInheritIsRefused() throws {
        let numbers = Array(3...24)
        let flags = numbers.flatMap { ["-H", "x\($0)=fd://\($0)"] }
        let result = try Dmux.run(["-H", "u1=\(try Fleet.unix1)"] + flags + ["-c", "reconnect; hosts --format json"])
        expectNoCrash(result)
        #expect(hostNames(result) == ["u1"], "\(result)")
        for number in numbers {
            #expect(result.stderr.contains(
                "x\(number): cannot use fd://\(number): not inherited by dmux (only a descriptor open when dmux started can be adopted)\n"),
                "\(result)")
        }
    }

    @Test func connectCannotNameDmuxsOwnDescriptorsNorATakenOne() throws {
        let fd = try FleetClient.connectedSocket(to: Fleet.path(try Fleet.unix1))
        defer { close(fd) }
        let script = (3...24).map { "connect evil\($0) fd://\($0)" } + ["hosts --format json"]
        let result = try Dmux.run(["-H", "u1=\(try Fleet.unix1)", "-H", "f=fd://5", "-c", "reconnect\n" + script.joined(separator: "\n")],
                                  inherit: [5: fd])
        expectNoCrash(result)
        #expect(hostNames(result) == ["u1", "f"], "\(result)")
        #expect(result.stderr.contains("evil5: cannot use fd://5: already adopted by host 'f'"), "\(result)")
        #expect(result.stderr.contains("evil18: cannot use fd://18: not inherited by dmux"), "\(result)")
        #expect(result.stderr.contains("evil3: cannot use fd://3: not inherited by dmux"), "\(result)")
    }

    @Test func standardStreamsAreNotEngines() throws {
        let result = try Dmux.run(["-H", "i=fd://0", "-H", "o=fd://1", "-c", "hosts --format json"])
        expectNoCrash(result)
        #expect(hostNames(result).isEmpty, "\(result)")
        #expect(result.stderr.contains("i: cannot use fd://0: it is dmux's own standard input, output or error"), "\(result)")
    }

    /// A context file can name any number: the start must not crash on it, and the other engines load.
    @Test func aContextThatNamesADescriptorIsRefusedAndTheRestLoad() throws {
        let config = NSTemporaryDirectory() + "dmux-ctx-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: config) }
        let meta = config + "/contexts/meta/x"
        try FileManager.default.createDirectory(atPath: meta, withIntermediateDirectories: true)
        try #"{"Name":"evil","Metadata":{},"Endpoints":{"docker":{"Host":"fd://13","SkipTLSVerify":false}}}"#
            .write(toFile: meta + "/meta.json", atomically: true, encoding: .utf8)
        let result = try Dmux.run(["-H", "u1=\(try Fleet.unix1)", "-c", "reconnect; hosts --format json"],
                                  environment: ["DOCKER_CONFIG": config])
        expectNoCrash(result)
        #expect(result.status == 0, "\(result)")
        #expect(hostNames(result) == ["u1"], "\(result)")
        #expect(result.stderr.contains("error: context evil (\(meta)/meta.json): fd://13: fd:// names a descriptor"), "\(result)")
    }
}
