import Endpoints
import FanOut
import Foundation
import NIOPosix
import Testing
@testable import Shell

/// The answers a `__complete` run leaves for the next one: reused only for the same host at the
/// same address within the lifetime, written for the user alone, and never an error when broken.
@Suite struct CompletionDiskCacheTests {
    static func session(_ name: String, _ url: String) throws -> HostSession {
        let address = try HostSyntax.parse(url, defaultToTLS: false)
        return HostSession(endpoint: Endpoint(name: name, source: .flag, address: address),
                           group: MultiThreadedEventLoopGroup.singleton, connectTimeout: .seconds(1))
    }

    static func temporaryPath() -> String {
        NSTemporaryDirectory() + "dmux-completion-\(UUID().uuidString)/dmux/completion.json"
    }

    @Test func anAnswerComesBackForTheSameHostAtTheSameAddressOnly() throws {
        let disk = CompletionDiskCache(path: Self.temporaryPath())
        let web = try Self.session("web", "unix:///run/web.sock")
        let started = ContinuousClock.now
        let first = LiveCandidateCache()
        first.seed(.containers, host: "web", values: [ContainerCandidate(id: "abc", names: ["nginx"])], age: .zero)
        disk.store(first, for: [web], since: started)

        let again = LiveCandidateCache()
        disk.seed(again, for: [web])
        #expect(again.snapshot(.containers, on: [web]) == [ContainerCandidate(id: "abc", names: ["nginx"])])

        let moved = try Self.session("web", "unix:///run/other.sock")
        let elsewhere = LiveCandidateCache()
        disk.seed(elsewhere, for: [moved])
        #expect(elsewhere.snapshot(.containers, on: [moved]).isEmpty)
    }

    @Test func anAnswerOlderThanTheLifetimeIsNotReused() throws {
        let disk = CompletionDiskCache(path: Self.temporaryPath())
        let web = try Self.session("web", "unix:///run/web.sock")
        let cache = LiveCandidateCache()
        cache.seed(.images, host: "web", values: [ContainerCandidate(id: "i1", names: ["busybox:latest"])], age: .zero)
        disk.store(cache, for: [web], since: ContinuousClock.now - .seconds(1))
        let later = LiveCandidateCache()
        disk.seed(later, for: [web], now: Date().addingTimeInterval(6))
        #expect(later.snapshot(.images, on: [web]).isEmpty)
        let soon = LiveCandidateCache()
        disk.seed(soon, for: [web], now: Date().addingTimeInterval(2))
        #expect(soon.snapshot(.images, on: [web]).count == 1)
    }

    @Test func nothingIsWrittenWhenEverythingCameFromTheDisk() throws {
        let disk = CompletionDiskCache(path: Self.temporaryPath())
        let web = try Self.session("web", "unix:///run/web.sock")
        let cache = LiveCandidateCache()
        cache.seed(.containers, host: "web", values: [], age: .seconds(2))
        disk.store(cache, for: [web], since: ContinuousClock.now)
        #expect(!FileManager.default.fileExists(atPath: disk.path))
    }

    @Test func theFileIsTheUsersAloneAndABrokenOneIsEmpty() throws {
        let disk = CompletionDiskCache(path: Self.temporaryPath())
        let web = try Self.session("web", "unix:///run/web.sock")
        let cache = LiveCandidateCache()
        cache.seed(.containers, host: "web", values: [ContainerCandidate(id: "abc", names: ["x"])], age: .zero)
        disk.store(cache, for: [web], since: ContinuousClock.now - .seconds(1))
        let attributes = try FileManager.default.attributesOfItem(atPath: disk.path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let folder = try FileManager.default.attributesOfItem(atPath: (disk.path as NSString).deletingLastPathComponent)
        #expect((folder[.posixPermissions] as? Int) == 0o700)

        try Data("{\"version\":1,\"answers\":[{\"kind\":".utf8).write(to: URL(fileURLWithPath: disk.path))
        #expect(disk.load().isEmpty)
        let fresh = LiveCandidateCache()
        disk.seed(fresh, for: [web])
        #expect(fresh.snapshot(.containers, on: [web]).isEmpty)
    }

    /// Under a shared `XDG_CACHE_HOME` another user can leave a file of their choosing: only a file
    /// that we own, that no one else can write, in a folder of ours, is read.
    @Test func aFileSomeoneElseCouldHaveWrittenIsIgnored() throws {
        let disk = CompletionDiskCache(path: Self.temporaryPath())
        let web = try Self.session("web", "unix:///run/web.sock")
        let cache = LiveCandidateCache()
        cache.seed(.containers, host: "web", values: [ContainerCandidate(id: "abc", names: ["x"])], age: .zero)
        disk.store(cache, for: [web], since: ContinuousClock.now - .seconds(1))
        #expect(disk.load().count == 1)
        let folder = (disk.path as NSString).deletingLastPathComponent

        #expect(chmod(disk.path, 0o666) == 0)
        #expect(disk.load().isEmpty, "a file anyone can write")
        #expect(chmod(disk.path, 0o600) == 0)
        #expect(chmod(folder, 0o777) == 0)
        #expect(disk.load().isEmpty, "a folder anyone can write into")
        #expect(chmod(folder, 0o700) == 0)
        #expect(chown(disk.path, 65534, 65534) == 0 || geteuid() != 0)
        if geteuid() == 0 { #expect(disk.load().isEmpty, "a file owned by nobody") }
        #expect(chown(disk.path, geteuid(), getegid()) == 0 || geteuid() != 0)

        let elsewhere = NSTemporaryDirectory() + "dmux-planted-\(UUID().uuidString).json"
        defer { unlink(elsewhere) }
        #expect(rename(disk.path, elsewhere) == 0)
        #expect(symlink(elsewhere, disk.path) == 0)
        #expect(disk.load().isEmpty, "a link to a file elsewhere")
    }

    @Test func theDefaultPathFollowsXDGCacheHome() {
        #expect(CompletionDiskCache(environment: ["XDG_CACHE_HOME": "/c"], home: "/h").path == "/c/dmux/completion.json")
        #expect(CompletionDiskCache(environment: ["XDG_CACHE_HOME": ""], home: "/h").path == "/h/.cache/dmux/completion.json")
    }
}
