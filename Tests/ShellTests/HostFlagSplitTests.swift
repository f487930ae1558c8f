import Testing
@testable import Shell

/// The `-H` values split out of `dmux`'s arguments before ArgumentParser parses the rest.
@Suite struct HostFlagSplitTests {
    func split(_ arguments: String...) -> HostFlagSplit { HostFlagSplit(arguments) }

    @Test func leadingHostOptionsAreTakenOutInOrder() {
        let result = split("-H", "a=unix:///a", "--tls", "--host", "b=tcp://h:2376", "-c", "ps -H x", "--host=c=fd://3", "--norc")
        #expect(result.hosts == ["a=unix:///a", "b=tcp://h:2376", "c=fd://3"])
        #expect(result.remaining == ["--tls", "-c", "ps -H x", "--norc"])
    }

    @Test func theFirstWordEndsTheScan() {
        // `dmux ps -H x`: the words after the first belong to the command line, -H included.
        let result = split("-H", "a=unix:///a", "ps", "-H", "x")
        #expect(result.hosts == ["a=unix:///a"])
        #expect(result.remaining == ["ps", "-H", "x"])
        #expect(split("--", "-H", "x").remaining == ["--", "-H", "x"])
    }

    @Test func whatItDoesNotUnderstandIsLeftToArgumentParser() {
        // A missing value, a value that looks like an option, an unknown or joined spelling:
        // ArgumentParser sees them as they were typed and reports them itself.
        #expect(split("-H") == HostFlagSplit(hosts: [], remaining: ["-H"]))
        #expect(split("-H", "--tls") == HostFlagSplit(hosts: [], remaining: ["-H", "--tls"]))
        #expect(split("--fanout", "-1", "-H", "x") == HostFlagSplit(hosts: [], remaining: ["--fanout", "-1", "-H", "x"]))
        #expect(split("--bogus", "-H", "x") == HostFlagSplit(hosts: [], remaining: ["--bogus", "-H", "x"]))
        #expect(split("-Hx", "-H", "y") == HostFlagSplit(hosts: [], remaining: ["-Hx", "-H", "y"]))
        #expect(split("-H", "a", "--timeout=5s", "-H", "b") == HostFlagSplit(hosts: ["a"], remaining: ["--timeout=5s", "-H", "b"]))
    }

    @Test func aThousandHostsSplitWithTheirNames() {
        let arguments = (0..<1000).flatMap { ["-H", "h\($0)=tcp://10.0.0.\($0 % 250):2376"] } + ["-c", "ping"]
        let result = HostFlagSplit(arguments)
        #expect(result.hosts.count == 1000)
        #expect(result.hosts.last == "h999=tcp://10.0.0.249:2376")
        #expect(result.remaining == ["-c", "ping"])
    }
}

extension HostFlagSplit {
    init(hosts: [String], remaining: [String]) {
        self.init([])
        self.hosts = hosts
        self.remaining = remaining
    }
}
