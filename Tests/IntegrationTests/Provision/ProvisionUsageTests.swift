import Foundation
import Testing
import TestSupport

/// `machine create --driver generic` and `machine provision` as nodes of the command tree: their
/// flags are in their help, and bad input is one usage line before any host is reached (no fleet
/// needed: every address here is refused before SSH would be tried).
@Suite struct ProvisionUsageTests {
    let store = NSTemporaryDirectory() + "dmux-pstore-\(UUID().uuidString.prefix(8))"

    func dmux(_ arguments: [String]) throws -> ProcessResult {
        try Dmux.run(arguments, environment: ["MACHINE_STORAGE_PATH": store, "USER": "tester"])
    }

    @Test func createAndProvisionShowTheGenericDriversFlags() throws {
        let create = try dmux(["machine", "create", "--help"])
        #expect(create.status == 0 && create.stdout.hasPrefix("Usage:  dmux machine create [OPTIONS] NAME\n"), "\(create)")
        for flag in ["-d, --driver generic", "--generic-ip-address IP", "--generic-ssh-key file", "--engine-opt K=V", "--install"] {
            #expect(create.stdout.contains(flag), "\(flag)\n\(create)")
        }
        let provision = try dmux(["machine", "provision", "--help"])
        #expect(provision.status == 0 && provision.stdout.hasPrefix("Usage:  dmux machine provision [OPTIONS] [NAME...]\n"), "\(provision)")
        #expect(provision.stdout.contains("--install") && !provision.stdout.contains("--generic-ip-address"), "\(provision)")
        let help = try dmux(["help", "machine"])
        #expect(help.stdout.contains("\n  provision "), "\(help)")
    }

    @Test(arguments: [
        (["machine", "create", "--generic-ip-address", "192.0.2.1", "m"], "machine create --generic-ip-address needs --driver generic"),
        (["machine", "create", "--install", "m"], "machine create --install needs --driver generic"),
        (["machine", "create", "-d", "virtualbox", "m"], "machine create: unknown driver \"virtualbox\""),
        (["machine", "create", "-d", "generic", "--url", "tcp://192.0.2.1:2376", "m"], "machine create --driver generic takes no --url"),
        (["machine", "create", "-d", "generic", "m"], "machine create --driver generic needs --generic-ip-address IP"),
        (["machine", "create", "-d", "generic", "--generic-ip-address", "192.0.2.1", "--generic-ssh-port", "ssh", "m"],
         "invalid --generic-ssh-port \"ssh\""),
        (["machine", "provision"], "machine provision needs a machine name (or @TARGETS machine provision)"),
        (["machine", "provision", "--driver", "generic", "m"], "unknown flag: --driver"),
    ])
    func badInputIsOneUsageLine(arguments: [String], words: String) throws {
        let result = try dmux(arguments)
        #expect(result.status == 2, "\(result)")
        #expect(result.stderr.contains(words) && result.stderr.split(separator: "\n").count == 1, "\(result)")
        #expect(!FileManager.default.fileExists(atPath: store + "/machines/m"), "nothing recorded")
    }
}
