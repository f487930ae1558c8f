import Foundation
import TestSupport

/// Certificates generated at test time with the `openssl` CLI, in docker-machine's shape: a CA, a
/// server certificate with SANs `IP:127.0.0.1, DNS:localhost`, a client certificate, an unrelated CA
/// with its own client certificate, and the key forms dmux must accept or refuse.
struct TestCertificates: Sendable {
    let directory: String
    var caFile: String { path("ca.pem") }
    var otherCAFile: String { path("other-ca.pem") }
    var serverCertificate: String { path("server.pem") }
    var serverKey: String { path("server-key.pem") }
    var clientCertificate: String { path("cert.pem") }
    /// PKCS#8 (`BEGIN PRIVATE KEY`), what OpenSSL 3 writes by default.
    var clientKeyPKCS8: String { path("key.pem") }
    /// PKCS#1 (`BEGIN RSA PRIVATE KEY`), what docker-machine writes.
    var clientKeyPKCS1: String { path("key-pkcs1.pem") }
    /// PKCS#8 encrypted (`BEGIN ENCRYPTED PRIVATE KEY`).
    var clientKeyEncrypted: String { path("key-encrypted.pem") }
    /// Legacy PEM encryption (`Proc-Type: 4,ENCRYPTED`).
    var clientKeyLegacyEncrypted: String { path("key-legacy-encrypted.pem") }
    /// A client certificate signed by the unrelated CA.
    var strangerCertificate: String { path("stranger-cert.pem") }
    var strangerKey: String { path("stranger-key.pem") }

    func path(_ name: String) -> String { directory + "/" + name }

    /// Generated once per test process.
    static func shared() throws -> TestCertificates { try generated.get() }

    private static let generated: Result<TestCertificates, any Error> = Result { try generate() }

    private static func generate() throws -> TestCertificates {
        let directory = NSTemporaryDirectory() + "dmux-tls-tests-\(getpid())-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let certificates = TestCertificates(directory: directory)
        try certificates.write("server.ext", """
            subjectAltName=IP:127.0.0.1,DNS:localhost
            basicConstraints=critical,CA:FALSE
            keyUsage=critical,digitalSignature,keyEncipherment,keyAgreement
            extendedKeyUsage=serverAuth

            """)
        try certificates.write("client.ext", """
            basicConstraints=critical,CA:FALSE
            keyUsage=critical,digitalSignature
            extendedKeyUsage=clientAuth

            """)
        try certificates.makeCA(name: "ca", organization: "dmux-test")
        try certificates.makeCA(name: "other-ca", organization: "someone-else")
        try certificates.makeLeaf(key: "server-key.pem", certificate: "server.pem", ca: "ca",
                                  organization: "dmux-test.engine", extensions: "server.ext")
        try certificates.makeLeaf(key: "key.pem", certificate: "cert.pem", ca: "ca",
                                  organization: "dmux-test.<bootstrap>", extensions: "client.ext")
        try certificates.makeLeaf(key: "stranger-key.pem", certificate: "stranger-cert.pem", ca: "other-ca",
                                  organization: "someone-else.client", extensions: "client.ext")
        try openssl("rsa", "-in", certificates.clientKeyPKCS8, "-traditional", "-out", certificates.clientKeyPKCS1)
        try openssl("pkcs8", "-topk8", "-in", certificates.clientKeyPKCS8, "-out", certificates.clientKeyEncrypted,
                    "-passout", "pass:secret")
        try openssl("rsa", "-in", certificates.clientKeyPKCS8, "-traditional", "-aes128",
                    "-out", certificates.clientKeyLegacyEncrypted, "-passout", "pass:secret")
        return certificates
    }

    private func makeCA(name: String, organization: String) throws {
        try Self.openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-sha256", "-days", "30",
                         "-keyout", path("\(name)-key.pem"), "-out", path("\(name).pem"), "-subj", "/O=\(organization)",
                         "-addext", "basicConstraints=critical,CA:TRUE",
                         "-addext", "keyUsage=critical,digitalSignature,keyEncipherment,keyAgreement,keyCertSign")
    }

    private func makeLeaf(key: String, certificate: String, ca: String, organization: String, extensions: String) throws {
        let request = path(certificate + ".csr")
        try Self.openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", path(key), "-out", request,
                         "-subj", "/O=\(organization)")
        try Self.openssl("x509", "-req", "-in", request, "-CA", path("\(ca).pem"), "-CAkey", path("\(ca)-key.pem"),
                         "-CAcreateserial", "-sha256", "-days", "30", "-extfile", path(extensions),
                         "-out", path(certificate))
    }

    func write(_ name: String, _ text: String) throws {
        try text.write(toFile: path(name), atomically: true, encoding: .utf8)
    }

    func read(_ file: String) throws -> String {
        try String(contentsOfFile: file, encoding: .utf8)
    }

    struct OpenSSLFailed: Error, CustomStringConvertible {
        var arguments: [String]
        var status: Int32
        var description: String { "openssl \(arguments.joined(separator: " ")) exited \(status)" }
    }

    static func openssl(_ arguments: String...) throws {
        let result = try ChildProcess.run(["/usr/bin/openssl"] + arguments, environment: ["PATH": "/usr/bin:/bin"])
        guard result.status == 0 else { throw OpenSSLFailed(arguments: arguments, status: result.status) }
    }
}
