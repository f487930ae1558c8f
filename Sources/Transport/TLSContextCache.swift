import NIOConcurrencyHelpers
import TLS

/// One OpenSSL context per distinct TLS configuration, shared by every engine that uses it.
///
/// A fleet of machines usually shares one CA and one client certificate (docker-machine's
/// `certs/`): loading and checking the same files once instead of once per engine keeps
/// connecting to hundreds of engines cheap. Failures are not kept, so a fixed file is read again.
enum TLSContextCache {
    private static let contexts = NIOLockedValueBox<[TLSConfiguration: TLSClientContext]>([:])

    static func context(for configuration: TLSConfiguration) throws(TLSError) -> TLSClientContext {
        if let cached = contexts.withLockedValue({ $0[configuration] }) { return cached }
        let context = try TLSClientContext(configuration: configuration)
        return contexts.withLockedValue { cache in
            if let raced = cache[configuration] { return raced }
            cache[configuration] = context
            return context
        }
    }
}
