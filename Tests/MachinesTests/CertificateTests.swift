import Foundation
@testable import Machines
import Testing

/// What `machine create` writes, read back with the `openssl` tool: docker-machine's fields
/// (docker/machine libmachine/cert/cert.go), key format and file modes.
@Suite struct CertificateTests {
    @Test func createWritesDockerMachineCertificates() throws {
        let root = temporaryStore()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let storage = MachineStorage(layout: MachineLayout(root: root), user: "alice")
        let before = Int(Date().timeIntervalSince1970)
        let made = try storage.create(name: "web1", url: "tcp://127.0.0.1:12376", sans: ["example.org", "10.1.2.3"], force: false)
        let layout = storage.layout
        #expect(made.url == "tcp://127.0.0.1:12376" && made.port == 12376)
        #expect(made.madeInStore == [layout.caCertificate, layout.clientCertificate])

        let ca = try OpenSSLTool.text(layout.caCertificate)
        #expect(ca.contains("Issuer: O = alice\n") && ca.contains("Subject: O = alice\n"), "\(ca)")
        #expect(ca.contains("X509v3 Key Usage: critical\n                Digital Signature, Key Encipherment, Key Agreement, Certificate Sign\n"), "\(ca)")
        #expect(ca.contains("X509v3 Basic Constraints: critical\n                CA:TRUE\n"), "\(ca)")
        #expect(!ca.contains("Extended Key Usage") && !ca.contains("Subject Alternative Name") && !ca.contains("CN ="))

        let client = try OpenSSLTool.text(layout.clientCertificate)
        #expect(client.contains("Issuer: O = alice\n") && client.contains("Subject: O = \"alice.<bootstrap>\"\n"), "\(client)")
        #expect(client.contains("X509v3 Key Usage: critical\n                Digital Signature\n"), "\(client)")
        #expect(client.contains("X509v3 Extended Key Usage: \n                TLS Web Client Authentication\n"), "\(client)")
        #expect(client.contains("X509v3 Basic Constraints: critical\n                CA:FALSE\n"), "\(client)")

        let server = try OpenSSLTool.text(made.paths.serverCertificate)
        #expect(server.contains("Issuer: O = alice\n") && server.contains("Subject: O = alice.web1\n"), "\(server)")
        #expect(server.contains("X509v3 Key Usage: critical\n                Digital Signature, Key Encipherment, Key Agreement\n"), "\(server)")
        #expect(server.contains("X509v3 Extended Key Usage: \n                TLS Web Server Authentication\n"), "\(server)")
        #expect(server.contains("X509v3 Basic Constraints: critical\n                CA:FALSE\n"), "\(server)")
        // --san values first, then the URL's host, then localhost; each IP or DNS as it parses.
        #expect(server.contains("X509v3 Subject Alternative Name: \n                DNS:example.org, IP Address:10.1.2.3, IP Address:127.0.0.1, DNS:localhost\n"), "\(server)")

        for certificate in [layout.caCertificate, layout.clientCertificate, made.paths.serverCertificate] {
            let text = try OpenSSLTool.text(certificate)
            #expect(text.contains("Public-Key: (2048 bit)") && text.contains("Signature Algorithm: sha256WithRSAEncryption"))
            #expect(text.contains("Version: 3 (0x2)"))
            let (notBefore, notAfter) = try OpenSSLTool.validity(certificate)
            #expect(notBefore % 60 == 0, "NotBefore is truncated to the minute")
            #expect(notBefore >= before / 60 * 60 - 300 - 60 && notBefore <= before - 240, "NotBefore is five minutes back")
            #expect(notAfter - notBefore == 1080 * 86_400, "1080 days")
            let serial = try OpenSSLTool.serial(certificate)
            #expect(serial.hasPrefix("serial=") && serial.count > 7 + 16, "a random serial, not a counter: \(serial)")
        }
        #expect(try OpenSSLTool.serial(layout.caCertificate) != OpenSSLTool.serial(layout.clientCertificate))
        #expect(try OpenSSLTool.run(["verify", "-CAfile", layout.caCertificate, layout.clientCertificate, made.paths.serverCertificate])
            .contains("server.pem: OK"))
        // The server certificate belongs to the server key.
        #expect(try OpenSSLTool.run(["x509", "-in", made.paths.serverCertificate, "-noout", "-pubkey"])
            == OpenSSLTool.run(["pkey", "-in", made.paths.serverKey, "-pubout"]))
    }

    @Test func keysArePKCS1AndPrivate() throws {
        let root = temporaryStore()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let storage = MachineStorage(layout: MachineLayout(root: root), user: "")
        let made = try storage.create(name: "k", url: "tcp://localhost:2376", sans: [], force: false)
        let layout = storage.layout
        for key in [layout.caKey, layout.clientKey, made.paths.serverKey, made.paths.clientKey, made.paths.config] {
            #expect(mode(key) == 0o600, "\(key)")
        }
        for key in [layout.caKey, layout.clientKey, made.paths.serverKey] {
            let text = String(decoding: contents(key), as: UTF8.self)
            #expect(text.hasPrefix("-----BEGIN RSA PRIVATE KEY-----\n") && text.hasSuffix("-----END RSA PRIVATE KEY-----\n"))
            #expect(try OpenSSLTool.run(["rsa", "-in", key, "-check", "-noout"]).contains("RSA key ok"))
        }
        for folder in [layout.certs, layout.machines, made.paths.directory] { #expect(mode(folder) == 0o700, "\(folder)") }
        for certificate in [layout.caCertificate, layout.clientCertificate, made.paths.serverCertificate, made.paths.caCertificate] {
            #expect(mode(certificate) == 0o644, "\(certificate)")
        }
        // An empty USER is docker-machine's "unknown"; a host name URL gets a DNS SAN.
        let server = try OpenSSLTool.text(made.paths.serverCertificate)
        #expect(server.contains("Subject: O = unknown.k\n") && server.contains("DNS:localhost\n"), "\(server)")
        // The copies clients use are byte-identical to the store's.
        #expect(contents(made.paths.caCertificate) == contents(layout.caCertificate))
        #expect(contents(made.paths.clientCertificate) == contents(layout.clientCertificate))
        #expect(contents(made.paths.clientKey) == contents(layout.clientKey))
    }

    @Test func anExpiredCAIsMadeAgainWithANewClient() throws {
        let root = temporaryStore()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let layout = MachineLayout(root: root)
        try FileManager.default.createDirectory(atPath: layout.certs, withIntermediateDirectories: true)
        // A CA issued 1100 days ago expired 20 days ago.
        let key = try RSAKey.generate()
        let old = try Certificate.issue(.authority, organization: "alice", key: key, issuer: nil,
                                        now: Date().addingTimeInterval(-1100 * 86_400))
        #expect(old.hasExpired)
        try Data(key.pemPKCS1()).write(to: URL(fileURLWithPath: layout.caKey))
        try Data(old.pem()).write(to: URL(fileURLWithPath: layout.caCertificate))
        let storage = MachineStorage(layout: layout, user: "alice")
        let made = try storage.create(name: "m", url: "tcp://127.0.0.1:1", sans: [], force: false)
        #expect(made.madeInStore == [layout.caCertificate, layout.clientCertificate])
        #expect(contents(layout.caCertificate) != Data(try old.pem()))
        #expect(try OpenSSLTool.run(["verify", "-CAfile", layout.caCertificate, layout.clientCertificate]).contains(": OK"))
    }
}
