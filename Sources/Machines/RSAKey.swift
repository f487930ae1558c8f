internal import COpenSSL
import Core

/// An RSA private key (libcrypto `EVP_PKEY`), owned and freed by this object.
///
/// docker-machine writes its keys with Go's `x509.MarshalPKCS1PrivateKey`: PEM
/// `RSA PRIVATE KEY` (PKCS#1), which is what `pemPKCS1()` gives.
public final class RSAKey: @unchecked Sendable {
    let pointer: OpaquePointer

    private init(owning pointer: OpaquePointer) { self.pointer = pointer }

    deinit { EVP_PKEY_free(pointer) }

    /// A fresh key of `bits` bits (docker-machine: 2048).
    public static func generate(bits: Int32 = 2048) throws(OpenSSLFailure) -> RSAKey {
        OpenSSLErrorQueue.clear()
        guard let context = EVP_PKEY_CTX_new_id(EVP_PKEY_RSA, nil) else { throw .drain("creating an RSA key generator") }
        defer { EVP_PKEY_CTX_free(context) }
        try OpenSSLFailure.check(EVP_PKEY_keygen_init(context), "starting RSA key generation")
        guard EVP_PKEY_CTX_set_rsa_keygen_bits(context, bits) > 0 else { throw .drain("setting the RSA key size to \(bits)") }
        var key: OpaquePointer?
        guard EVP_PKEY_keygen(context, &key) == 1, let key else { throw .drain("generating a \(bits)-bit RSA key") }
        return RSAKey(owning: key)
    }

    /// Reads a PEM private key (PKCS#1 or PKCS#8, unencrypted). An encrypted key is refused
    /// with its file named: without a password callback OpenSSL would prompt on the terminal
    /// (`PEM_def_callback`), so the callback given here always fails instead.
    public static func read(pem: [UInt8], file: String) throws(OpenSSLFailure) -> RSAKey {
        if isEncrypted(pem) {
            throw OpenSSLFailure(operation: "reading the private key \(file)",
                                 reasons: ["the key is encrypted; dmux cannot use encrypted keys (docker-machine never writes them)"])
        }
        OpenSSLErrorQueue.clear()
        let bio = try MemoryBIO(pem)
        guard let key = PEM_read_bio_PrivateKey(bio.pointer, nil, { _, _, _, _ in -1 }, nil) else {
            throw .drain("reading the private key \(file)")
        }
        return RSAKey(owning: key)
    }

    /// Either PEM form of an encrypted key: PKCS#8 or the legacy OpenSSL `Proc-Type` header.
    static func isEncrypted(_ pem: [UInt8]) -> Bool {
        ["-----BEGIN ENCRYPTED PRIVATE KEY-----", "Proc-Type: 4,ENCRYPTED"].contains { marker in
            pem.firstRange(of: Array(marker.utf8)) != nil
        }
    }

    /// PEM `-----BEGIN RSA PRIVATE KEY-----` (PKCS#1, unencrypted).
    public func pemPKCS1() throws(OpenSSLFailure) -> [UInt8] {
        OpenSSLErrorQueue.clear()
        let bio = try MemoryBIO()
        try OpenSSLFailure.check(
            PEM_write_bio_PrivateKey_traditional(bio.pointer, pointer, nil, nil, 0, nil, nil), "writing a PKCS#1 private key")
        return bio.drain()
    }

    /// The key size in bits.
    public var bits: Int { Int(EVP_PKEY_get_bits(pointer)) }
}
