import Foundation
import TestSupport

/// The `openssl` command line tool, used by the tests as an independent reader of what the
/// Machines module wrote (never by the module itself).
enum OpenSSLTool {
    /// Runs `openssl ARGS…` and returns stdout; throws with stderr when it fails.
    static func run(_ arguments: [String]) throws -> String {
        let result = try ChildProcess.run(["/usr/bin/openssl"] + arguments, environment: ["PATH": "/usr/bin:/bin"])
        guard result.status == 0 else {
            throw ToolFailure(description: "openssl \(arguments.joined(separator: " ")): \(result.stderr)")
        }
        return result.stdout
    }

    static func text(_ certificate: String) throws -> String { try run(["x509", "-in", certificate, "-text", "-noout"]) }

    /// NotBefore and NotAfter as seconds since 1970.
    static func validity(_ certificate: String) throws -> (Int, Int) {
        let dates = try run(["x509", "-in", certificate, "-noout", "-startdate", "-enddate", "-dateopt", "iso_8601"])
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ssX"
        let values = dates.split(separator: "\n").map { line in
            formatter.date(from: String(line.split(separator: "=", maxSplits: 1)[1])).map { Int($0.timeIntervalSince1970) } ?? -1
        }
        return (values[0], values[1])
    }

    static func serial(_ certificate: String) throws -> String {
        try run(["x509", "-in", certificate, "-noout", "-serial"]).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

struct ToolFailure: Error, CustomStringConvertible { let description: String }

/// A fresh store root under /tmp, removed by the test.
func temporaryStore() -> String {
    NSTemporaryDirectory() + "dmux-machines-\(UUID().uuidString.prefix(8))"
}

func mode(_ path: String) -> Int {
    ((try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions]) as? Int) ?? -1
}

func contents(_ path: String) -> Data { FileManager.default.contents(atPath: path) ?? Data() }
