/// docker-machine's `BootstrapCertificates`: make the store's CA and client certificate when
/// missing, and again when expired, before any machine certificate is signed.
struct CertificateBootstrap {
    let layout: MachineLayout
    /// `O=` of the CA; the client gets `O=<user>.<bootstrap>`.
    let user: String

    /// The CA (certificate and key) to sign with, and which files were (re)made.
    func run() throws(MachineError) -> (authority: (certificate: Certificate, key: RSAKey), made: [String]) {
        try StoreFiles.makeDirectory(layout.certs, mode: 0o700)
        var made: [String] = []
        var authority = try loadPair(layout.caCertificate, layout.caKey)
        if authority == nil {
            authority = try issue(.authority, organization: user, certificate: layout.caCertificate, key: layout.caKey, issuer: nil)
            made.append(layout.caCertificate)
            StoreFiles.remove(layout.clientCertificate)  // signed by the old CA: no longer trusted
        }
        if try loadPair(layout.clientCertificate, layout.clientKey) == nil {
            try renewClient(signedBy: authority!)
            made.append(layout.clientCertificate)
        }
        return (authority!, made)
    }

    /// `run`, and a new client certificate too when `renewingClient` asks for one and `run` made none.
    func run(renewingClient: Bool) throws(MachineError) -> (authority: (certificate: Certificate, key: RSAKey), made: [String]) {
        let (authority, alreadyMade) = try run()
        var made = alreadyMade
        if renewingClient && !made.contains(layout.clientCertificate) {
            try renewClient(signedBy: authority)
            made.append(layout.clientCertificate)
        }
        return (authority, made)
    }

    /// A new client key and certificate in `certs/`.
    func renewClient(signedBy authority: (certificate: Certificate, key: RSAKey)) throws(MachineError) {
        _ = try issue(.client, organization: user + ".<bootstrap>", certificate: layout.clientCertificate,
                      key: layout.clientKey, issuer: authority)
    }

    /// Makes a key and a certificate for it, writes both (key 0600, certificate 0644).
    @discardableResult
    func issue(
        _ profile: CertificateProfile, organization: String, certificate path: String, key keyPath: String,
        issuer: (certificate: Certificate, key: RSAKey)?
    ) throws(MachineError) -> (certificate: Certificate, key: RSAKey) {
        do {
            let key = try RSAKey.generate()
            let certificate = try Certificate.issue(profile, organization: organization, key: key, issuer: issuer)
            try StoreFiles.write(key.pemPKCS1(), to: keyPath, mode: 0o600)
            try StoreFiles.write(certificate.pem(), to: path, mode: 0o644)
            return (certificate, key)
        } catch let error as OpenSSLFailure {
            throw .wrap(error, "making the \(profile.noun) certificate (O=\(organization))")
        } catch let error as MachineError {
            throw error
        } catch {
            throw MachineError(.failed, "\(path): \(error)")
        }
    }

    /// The certificate and key at these paths when both exist, match and are still valid; nil
    /// when either is missing or the certificate has expired (docker-machine then makes new ones).
    func loadPair(_ certificatePath: String, _ keyPath: String) throws(MachineError) -> (certificate: Certificate, key: RSAKey)? {
        guard StoreFiles.exists(certificatePath), StoreFiles.exists(keyPath) else { return nil }
        do {
            let certificate = try Certificate.read(pem: StoreFiles.read(certificatePath), file: certificatePath)
            let key = try RSAKey.read(pem: StoreFiles.read(keyPath), file: keyPath)
            guard certificate.matches(key) else {
                throw MachineError(.failed, "\(keyPath) is not the key of \(certificatePath); move both away to make new ones")
            }
            if certificate.hasExpired {
                StoreFiles.remove(keyPath)
                return nil
            }
            return (certificate, key)
        } catch let error as OpenSSLFailure {
            throw .wrap(error, "loading \(certificatePath)")
        } catch let error as MachineError {
            throw error
        } catch {
            throw MachineError(.failed, "\(certificatePath): \(error)")
        }
    }
}
