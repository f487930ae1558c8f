/// The highest protocol version a context may negotiate (the minimum is always TLS 1.2).
public enum TLSProtocolVersion: Sendable, Hashable {
    case tls12
    case tls13
}
