#if canImport(Glibc)
import Glibc
#endif

/// The number of descriptors dmux may hold. Each engine costs at least one socket, and the soft
/// limit is often 1024 while the hard one is far higher: like the Go runtime (since Go 1.19,
/// `os` raises `RLIMIT_NOFILE`'s soft limit at start), take the hard limit. Concurrent connects
/// stay bounded by `fanout` anyway.
enum DescriptorLimit {
    static func raiseToHardLimit() {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0, limit.rlim_cur < limit.rlim_max else { return }
        limit.rlim_cur = limit.rlim_max
        _ = setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
    }
}
