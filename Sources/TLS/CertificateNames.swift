internal import COpenSSL
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The subject alternative names of a certificate, for mismatch messages
/// (`server certificate is valid for 127.0.0.1, localhost; not 127.0.0.2`). IP SANs first, like Go.
/// And its validity period, for expiry messages.
enum CertificateNames {
    /// DNS and IP SANs of `certificate` (an `X509*` the caller keeps alive), in certificate order.
    static func subjectAlternativeNames(of certificate: OpaquePointer) -> [String] {
        guard let raw = X509_get_ext_d2i(certificate, NID_subject_alt_name, nil, nil) else { return [] }
        let names = OpaquePointer(raw)
        defer { GENERAL_NAMES_free(names) }
        var ipAddresses: [String] = []
        var dnsNames: [String] = []
        for index in 0..<OPENSSL_sk_num(names) {
            guard let element = OPENSSL_sk_value(names, index) else { continue }
            let name = element.assumingMemoryBound(to: GENERAL_NAME.self).pointee
            switch name.type {
            case GEN_DNS:
                if let text = string(name.d.dNSName) { dnsNames.append(text) }
            case GEN_IPADD:
                if let text = ipAddress(name.d.iPAddress) { ipAddresses.append(text) }
            default:
                continue
            }
        }
        return ipAddresses + dnsNames
    }

    /// `valid from 2020-01-01 00:00:00 UTC until 2020-01-02 00:00:00 UTC`, for expiry messages.
    static func validityPeriod(of certificate: OpaquePointer) -> String? {
        guard let from = time(X509_get0_notBefore(certificate)), let until = time(X509_get0_notAfter(certificate)) else { return nil }
        return "valid from \(from) until \(until)"
    }

    private static func time(_ value: UnsafePointer<ASN1_TIME>?) -> String? {
        var parts = tm()
        guard let value, ASN1_TIME_to_tm(value, &parts) == 1 else { return nil }
        var text = [CChar](repeating: 0, count: 32)
        let length = strftime(&text, text.count, "%Y-%m-%d %H:%M:%S UTC", &parts)
        return String(decoding: text.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private static func string(_ value: UnsafeMutablePointer<ASN1_STRING>?) -> String? {
        guard let value, let data = ASN1_STRING_get0_data(value) else { return nil }
        let bytes = UnsafeBufferPointer(start: data, count: Int(ASN1_STRING_length(value)))
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func ipAddress(_ value: UnsafeMutablePointer<ASN1_STRING>?) -> String? {
        guard let value, let data = ASN1_STRING_get0_data(value) else { return nil }
        let length = Int(ASN1_STRING_length(value))
        let family: Int32
        switch length {
        case 4: family = AF_INET
        case 16: family = AF_INET6
        default: return nil
        }
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        guard inet_ntop(family, data, &text, socklen_t(text.count)) != nil else { return nil }
        return String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
