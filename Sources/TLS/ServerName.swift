#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The name a client verifies the server certificate against, as Go's crypto/tls does: an IP
/// literal must match an IP SAN (and sends no SNI); a name must match a DNS SAN (and is sent as SNI).
enum ServerName: Equatable, Sendable {
    case ipAddress(String)
    case hostName(String)

    init(_ raw: String) throws(TLSError) {
        var text = raw
        if text.hasPrefix("["), text.hasSuffix("]") { text = String(text.dropFirst().dropLast()) }
        guard !text.isEmpty, !text.utf8.contains(0), !text.contains(" ") else {
            throw TLSError(.invalidServerName, "invalid server name \"\(raw)\" for certificate verification")
        }
        self = Self.isIPLiteral(text) ? .ipAddress(text) : .hostName(text)
    }

    var text: String {
        switch self {
        case .ipAddress(let address): address
        case .hostName(let name): name
        }
    }

    private static func isIPLiteral(_ text: String) -> Bool {
        var storage = in6_addr()
        return withUnsafeMutableBytes(of: &storage) { raw in
            inet_pton(AF_INET, text, raw.baseAddress) == 1 || inet_pton(AF_INET6, text, raw.baseAddress) == 1
        }
    }
}
