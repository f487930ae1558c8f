internal import COpenSSL

/// A libcrypto memory BIO, owned and freed here: PEM goes in and out through it.
final class MemoryBIO {
    let pointer: OpaquePointer

    /// An empty BIO to write PEM into.
    init() throws(OpenSSLFailure) {
        guard let bio = BIO_new(BIO_s_mem()) else { throw .drain("allocating a memory buffer") }
        pointer = bio
    }

    /// A BIO holding a copy of `bytes`, to read PEM from.
    init(_ bytes: [UInt8]) throws(OpenSSLFailure) {
        guard let bio = BIO_new(BIO_s_mem()) else { throw .drain("allocating a memory buffer") }
        pointer = bio
        if !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { BIO_write(bio, $0.baseAddress, Int32($0.count)) }
            guard written == bytes.count else { throw .drain("buffering PEM data") }
        }
    }

    deinit { BIO_free(pointer) }

    /// Everything written so far.
    func drain() -> [UInt8] {
        let count = COpenSSL_BIO_pending(pointer)
        var bytes = [UInt8](repeating: 0, count: count)
        let read = bytes.withUnsafeMutableBytes { BIO_read(pointer, $0.baseAddress, Int32(count)) }
        return Array(bytes.prefix(max(0, Int(read))))
    }
}
