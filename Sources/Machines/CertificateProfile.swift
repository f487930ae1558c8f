internal import COpenSSL
import Foundation

/// The three kinds of certificate docker-machine makes, with its exact extensions
/// (docker/machine libmachine/cert/cert.go).
enum CertificateProfile {
    /// `certs/ca.pem`: self-signed, signs the others.
    case authority
    /// `certs/cert.pem`: what the docker CLI presents to the engine.
    case client
    /// `machines/NAME/server.pem`: what the engine presents; SANs in docker-machine's order.
    case server(alternativeNames: [String])

    var noun: String {
        switch self {
        case .authority: "CA"
        case .client: "client"
        case .server: "server"
        }
    }

    /// (NID, OpenSSL configuration value) in the order they are added.
    var extensions: [(Int32, String)] {
        switch self {
        case .authority:
            return [
                (NID_key_usage, "critical,digitalSignature,keyEncipherment,keyAgreement,keyCertSign"),
                (NID_basic_constraints, "critical,CA:TRUE"),
            ]
        case .client:
            return [
                (NID_key_usage, "critical,digitalSignature"),
                (NID_ext_key_usage, "clientAuth"),
                (NID_basic_constraints, "critical,CA:FALSE"),
            ]
        case .server(let names):
            var list: [(Int32, String)] = [
                (NID_key_usage, "critical,digitalSignature,keyEncipherment,keyAgreement"),
                (NID_ext_key_usage, "serverAuth"),
                (NID_basic_constraints, "critical,CA:FALSE"),
            ]
            if !names.isEmpty {
                list.append((NID_subject_alt_name, names.map(Self.alternativeName).joined(separator: ",")))
            }
            return list
        }
    }

    /// `IP:` for an IP literal (v4 or v6), else `DNS:`, as Go's `net.ParseIP` decides.
    static func alternativeName(_ value: String) -> String {
        (isIPAddress(value) ? "IP:" : "DNS:") + value
    }

    static func isIPAddress(_ value: String) -> Bool {
        var v4 = in_addr(), v6 = in6_addr()
        return inet_pton(AF_INET, value, &v4) == 1 || inet_pton(AF_INET6, value, &v6) == 1
    }
}
