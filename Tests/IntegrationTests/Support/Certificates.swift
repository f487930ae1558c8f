import Foundation
import TestSupport

/// A throwaway certificate authority made with the `openssl` CLI in a temporary folder, for the
/// failure cases the fleet's own certificates cannot show: a CA the engine does not know, a server
/// certificate without the name dialled, a key that belongs to no certificate, an encrypted key.
struct TestAuthority {
    let directory: String
    /// `ca.pem` of this authority.
    let caFile: String
    private let caKey: String

    /// A docker-style cert folder: `ca.pem`, `cert.pem`, `key.pem`.
    struct Issued {
        let caFile: String
        let certificateFile: String
        let privateKeyFile: String
        var directory: String { (certificateFile as NSString).deletingLastPathComponent }
    }

    init(organization: String = "dmux-test-ca") throws {
        directory = NSTemporaryDirectory() + "dmux-certs-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        caFile = directory + "/ca.pem"
        caKey = directory + "/ca-key.pem"
        try Self.openssl(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", caKey, "-out", caFile,
                          "-subj", "/O=\(organization)", "-days", "2",
                          "-addext", "basicConstraints=critical,CA:TRUE",
                          "-addext", "keyUsage=critical,keyCertSign,digitalSignature,keyEncipherment"])
    }

    /// A server certificate for the given SANs (`IP:127.0.0.1`, `DNS:localhost`), in its own folder.
    func server(_ names: [String], name: String = "server") throws -> Issued {
        try issue(name, extensions: "extendedKeyUsage=serverAuth\nsubjectAltName=\(names.joined(separator: ","))")
    }

    /// A client certificate (clientAuth), in its own folder.
    func client(name: String = "client") throws -> Issued {
        try issue(name, extensions: "extendedKeyUsage=clientAuth")
    }

    /// A copy of `issued` whose key.pem is `key` (a key of another certificate).
    func withKey(_ issued: Issued, from other: Issued, name: String) throws -> Issued {
        let folder = try makeFolder(name)
        try FileManager.default.copyItem(atPath: issued.certificateFile, toPath: folder + "/cert.pem")
        try FileManager.default.copyItem(atPath: other.privateKeyFile, toPath: folder + "/key.pem")
        try FileManager.default.copyItem(atPath: caFile, toPath: folder + "/ca.pem")
        return Issued(caFile: folder + "/ca.pem", certificateFile: folder + "/cert.pem", privateKeyFile: folder + "/key.pem")
    }

    /// A copy of `issued` whose key.pem is encrypted with a pass phrase (PKCS#8, AES-256).
    func encrypted(_ issued: Issued, name: String) throws -> Issued {
        let folder = try makeFolder(name)
        try FileManager.default.copyItem(atPath: issued.certificateFile, toPath: folder + "/cert.pem")
        try FileManager.default.copyItem(atPath: caFile, toPath: folder + "/ca.pem")
        try Self.openssl(["pkey", "-in", issued.privateKeyFile, "-aes256", "-passout", "pass:secret",
                          "-out", folder + "/key.pem"])
        return Issued(caFile: folder + "/ca.pem", certificateFile: folder + "/cert.pem", privateKeyFile: folder + "/key.pem")
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: directory)
    }

    private func issue(_ name: String, extensions: String) throws -> Issued {
        let folder = try makeFolder(name)
        let key = folder + "/key.pem", request = folder + "/req.csr", cert = folder + "/cert.pem"
        let extensionFile = folder + "/ext.cnf"
        try "[x]\n\(extensions)\n".write(toFile: extensionFile, atomically: true, encoding: .utf8)
        try Self.openssl(["req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", request,
                          "-subj", "/O=dmux-test-\(name)"])
        try Self.openssl(["x509", "-req", "-in", request, "-CA", caFile, "-CAkey", caKey, "-CAcreateserial",
                          "-CAserial", directory + "/ca.srl", "-days", "2", "-sha256",
                          "-extfile", extensionFile, "-extensions", "x", "-out", cert])
        try FileManager.default.copyItem(atPath: caFile, toPath: folder + "/ca.pem")
        return Issued(caFile: folder + "/ca.pem", certificateFile: cert, privateKeyFile: key)
    }

    private func makeFolder(_ name: String) throws -> String {
        let folder = directory + "/" + name
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }

    private static func openssl(_ arguments: [String]) throws {
        let result = try ChildProcess.run(["/usr/bin/openssl"] + arguments, environment: ["PATH": "/usr/bin:/bin"])
        guard result.status == 0 else { throw SpawnError("openssl \(arguments.first ?? "") failed: \(result.stderr)") }
    }
}
