internal import COpenSSL
import Core
import Foundation

/// An X.509 certificate (libcrypto `X509`), owned and freed by this object.
public final class Certificate: @unchecked Sendable {
    let pointer: OpaquePointer

    init(owning pointer: OpaquePointer) { self.pointer = pointer }

    deinit { X509_free(pointer) }

    /// Reads the first PEM certificate of `pem`.
    public static func read(pem: [UInt8], file: String) throws(OpenSSLFailure) -> Certificate {
        OpenSSLErrorQueue.clear()
        let bio = try MemoryBIO(pem)
        guard let x509 = PEM_read_bio_X509(bio.pointer, nil, nil, nil) else { throw .drain("reading the certificate \(file)") }
        return Certificate(owning: x509)
    }

    /// PEM `-----BEGIN CERTIFICATE-----`.
    public func pem() throws(OpenSSLFailure) -> [UInt8] {
        OpenSSLErrorQueue.clear()
        let bio = try MemoryBIO()
        try OpenSSLFailure.check(PEM_write_bio_X509(bio.pointer, pointer), "writing a certificate")
        return bio.drain()
    }

    /// True once NotAfter has passed (docker-machine's BootstrapCertificates then makes a new one).
    public var hasExpired: Bool {
        guard let notAfter = X509_get0_notAfter(pointer) else { return true }
        return X509_cmp_current_time(notAfter) <= 0
    }

    /// True when `key` is this certificate's private key.
    public func matches(_ key: RSAKey) -> Bool {
        defer { OpenSSLErrorQueue.clear() }
        return X509_check_private_key(pointer, key.pointer) == 1
    }

    /// docker-machine's validity: NotBefore = now truncated to the minute − 5 min, NotAfter =
    /// NotBefore + 1080 days (docker/machine libmachine/cert/cert.go).
    static func validity(now: Date) -> (notBefore: time_t, notAfter: time_t) {
        let start = time_t(now.timeIntervalSince1970) / 60 * 60 - 5 * 60
        return (start, start + 1080 * 86_400)
    }

    /// Makes and signs a certificate for `key` as `profile` says; self-signed when `issuer` is nil.
    static func issue(
        _ profile: CertificateProfile, organization: String, key: RSAKey,
        issuer: (certificate: Certificate, key: RSAKey)?, now: Date = Date()
    ) throws(OpenSSLFailure) -> Certificate {
        OpenSSLErrorQueue.clear()
        guard let x509 = X509_new() else { throw .drain("allocating a certificate") }
        let certificate = Certificate(owning: x509)
        try OpenSSLFailure.check(X509_set_version(x509, 2), "setting the certificate version")
        try setRandomSerial(x509)

        let (notBefore, notAfter) = validity(now: now)
        guard ASN1_TIME_set(X509_getm_notBefore(x509), notBefore) != nil,
              ASN1_TIME_set(X509_getm_notAfter(x509), notAfter) != nil
        else { throw .drain("setting the validity period") }

        guard let name = X509_NAME_new() else { throw .drain("allocating a subject name") }
        defer { X509_NAME_free(name) }
        try OpenSSLFailure.check(
            X509_NAME_add_entry_by_txt(name, "O", MBSTRING_UTF8, organization, -1, -1, 0), "setting O=\(organization)")
        try OpenSSLFailure.check(X509_set_subject_name(x509, name), "setting the subject")
        let issuerName = issuer.map { X509_get_subject_name($0.certificate.pointer) } ?? name
        try OpenSSLFailure.check(X509_set_issuer_name(x509, issuerName), "setting the issuer")
        try OpenSSLFailure.check(X509_set_pubkey(x509, key.pointer), "setting the public key")

        var context = X509V3_CTX()
        X509V3_set_ctx(&context, issuer?.certificate.pointer ?? x509, x509, nil, nil, 0)
        for (nid, value) in profile.extensions {
            guard let ext = X509V3_EXT_nconf_nid(nil, &context, nid, value) else {
                throw .drain("encoding the extension \(String(cString: OBJ_nid2sn(nid))) = \(value)")
            }
            defer { X509_EXTENSION_free(ext) }
            try OpenSSLFailure.check(X509_add_ext(x509, ext, -1), "adding the extension \(value)")
        }
        guard X509_sign(x509, (issuer?.key ?? key).pointer, EVP_sha256()) > 0 else {
            throw .drain("signing the \(profile.noun) certificate")
        }
        return certificate
    }

    /// A random positive serial below 2^128, as Go's `rand.Int(rand.Reader, 2^128)`.
    private static func setRandomSerial(_ x509: OpaquePointer) throws(OpenSSLFailure) {
        var bytes = [UInt8](repeating: 0, count: 16)
        repeat {
            try OpenSSLFailure.check(RAND_bytes(&bytes, Int32(bytes.count)), "drawing a random serial number")
        } while bytes.allSatisfy { $0 == 0 }
        guard let number = BN_bin2bn(bytes, Int32(bytes.count), nil) else { throw .drain("making the serial number") }
        defer { BN_free(number) }
        guard BN_to_ASN1_INTEGER(number, X509_get_serialNumber(x509)) != nil else { throw .drain("setting the serial number") }
    }
}
