import Core
import NIOConcurrencyHelpers
import TLS

/// One OpenSSL context per distinct TLS configuration, shared by every engine that uses it.
///
/// A fleet of machines usually shares one CA and one client certificate (docker-machine's
/// `certs/`): loading and checking the same files once instead of once per engine keeps
/// connecting to hundreds of engines cheap. Each entry remembers the identity (device, inode,
/// size, modification time) of the files it was built from, and every new connection asks again:
/// a `ca.pem` replaced since is read again, so `connect` and `reconnect` use the new CA rather
/// than the one of the process's first connection. Failures are not kept, so a fixed file is
/// read again too.
enum TLSContextCache {
    private struct Entry {
        let files: [FileIdentity?]
        let context: TLSClientContext
    }

    private static let entries = NIOLockedValueBox<[TLSConfiguration: Entry]>([:])

    static func context(for configuration: TLSConfiguration) throws(TLSError) -> TLSClientContext {
        let files = identities(configuration)
        if let cached = entries.withLockedValue({ $0[configuration] }), cached.files == files { return cached.context }
        let context = try TLSClientContext(configuration: configuration)
        // Stamped with the identities seen before reading: a file replaced during the read makes
        // the next lookup read it once more, never keeps stale bytes under a new stamp.
        return entries.withLockedValue { cache in
            if let raced = cache[configuration], raced.files == files { return raced.context }
            cache[configuration] = Entry(files: files, context: context)
            return context
        }
    }

    private static func identities(_ configuration: TLSConfiguration) -> [FileIdentity?] {
        [configuration.caFile, configuration.certificateFile ?? "", configuration.privateKeyFile ?? ""].map(FileIdentity.init(path:))
    }
}
