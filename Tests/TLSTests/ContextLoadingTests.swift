import Testing
import TLS

/// Loading certificates and keys: every error names the file, none contains key bytes.
@Suite struct ContextLoadingTests {
    let certificates: TestCertificates
    init() throws { certificates = try TestCertificates.shared() }

    func load(ca: String? = nil, certificate: String?, key: String?) -> TLSError? {
        do {
            _ = try TLSClientContext(configuration: TLSConfiguration(
                caFile: ca ?? certificates.caFile, certificateFile: certificate, privateKeyFile: key))
            return nil
        } catch {
            return error
        }
    }

    @Test func pkcs1AndPKCS8KeysBothLoad() {
        #expect(load(certificate: certificates.clientCertificate, key: certificates.clientKeyPKCS8) == nil)
        #expect(load(certificate: certificates.clientCertificate, key: certificates.clientKeyPKCS1) == nil)
        #expect(load(certificate: nil, key: nil) == nil, "a CA alone is a valid client configuration")
    }

    @Test func theKeyFormsDifferAsGenerated() throws {
        #expect(try certificates.read(certificates.clientKeyPKCS1).hasPrefix("-----BEGIN RSA PRIVATE KEY-----"))
        #expect(try certificates.read(certificates.clientKeyPKCS8).hasPrefix("-----BEGIN PRIVATE KEY-----"))
        #expect(try certificates.read(certificates.clientKeyEncrypted).hasPrefix("-----BEGIN ENCRYPTED PRIVATE KEY-----"))
        #expect(try certificates.read(certificates.clientKeyLegacyEncrypted).contains("Proc-Type: 4,ENCRYPTED"))
    }

    @Test func encryptedKeysAreRefusedWithoutPrompting() {
        for key in [certificates.clientKeyEncrypted, certificates.clientKeyLegacyEncrypted] {
            let error = load(certificate: certificates.clientCertificate, key: key)
            #expect(error?.description == "TLS: private key is encrypted (key.pem: \(key)); dmux cannot use encrypted keys")
            #expect(error?.kind == .encryptedPrivateKey)
        }
    }

    @Test func keyNotMatchingTheCertificateNamesBothFiles() throws {
        let error = load(certificate: certificates.clientCertificate, key: certificates.serverKey)
        #expect(error?.description == "TLS: private key does not match certificate "
            + "(cert.pem: \(certificates.clientCertificate); key.pem: \(certificates.serverKey))")
        let keyText = try certificates.read(certificates.serverKey)
        let keyBody = keyText.split(separator: "\n").dropFirst().first.map(String.init) ?? "?"
        #expect(error?.description.contains(keyBody) == false)
    }

    @Test func missingFilesAreNamed() {
        let missing = certificates.path("nowhere/ca.pem")
        #expect(load(ca: missing, certificate: nil, key: nil)?.description
            == "TLS: cannot read CA certificates (ca.pem: \(missing)): no such file or directory")
        let missingCertificate = certificates.path("absent-cert.pem")
        #expect(load(certificate: missingCertificate, key: certificates.clientKeyPKCS8)?.description
            == "TLS: cannot read certificate (cert.pem: \(missingCertificate)): no such file or directory")
        let missingKey = certificates.path("absent-key.pem")
        #expect(load(certificate: certificates.clientCertificate, key: missingKey)?.description
            == "TLS: cannot read private key (key.pem: \(missingKey)): no such file or directory")
    }

    @Test func filesWithoutPEMAreNamed() throws {
        let bogus = certificates.path("bogus.pem")
        try certificates.write("bogus.pem", "not a certificate\n")
        #expect(load(ca: bogus, certificate: nil, key: nil)?.description
            == "TLS: no PEM certificate found in CA certificates (ca.pem: \(bogus))")
        #expect(load(certificate: certificates.clientCertificate, key: bogus)?.description
            == "TLS: no PEM private key found in private key (key.pem: \(bogus))")
    }

    @Test func aCertificateNeedsItsKey() {
        #expect(load(certificate: certificates.clientCertificate, key: nil)?.description
            == "TLS: client certificate given without a private key (cert.pem: \(certificates.clientCertificate))")
        #expect(load(certificate: nil, key: certificates.clientKeyPKCS8)?.description
            == "TLS: private key given without a client certificate (key.pem: \(certificates.clientKeyPKCS8))")
    }

    @Test func serverContextReportsTheSameWay() {
        #expect(throws: TLSError(.keyMismatch, "private key does not match certificate "
            + "(cert.pem: \(certificates.serverCertificate); key.pem: \(certificates.clientKeyPKCS8))")) {
            try TLSServerContext(certificateFile: certificates.serverCertificate,
                                 privateKeyFile: certificates.clientKeyPKCS8, clientCAFile: nil)
        }
    }

    @Test func invalidServerNameIsRefused() throws {
        let context = try TLSClientContext(configuration: TLSConfiguration(caFile: certificates.caFile))
        #expect(throws: TLSError(.invalidServerName, "invalid server name \"\" for certificate verification")) {
            try TLSClientHandler(context: context, serverHostname: "")
        }
        _ = try TLSClientHandler(context: context, serverHostname: "[::1]")
    }
}
