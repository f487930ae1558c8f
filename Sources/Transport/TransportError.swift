import NIOCore
import NIOPosix
import TLS

/// Why an engine could not be reached or understood, in words that name the address.
///
/// The description is one line meant for the user; TLS failures keep the TLS layer's own words,
/// which name the certificate file at fault.
public struct TransportError: Error, CustomStringConvertible, @unchecked Sendable {
    enum Kind {
        case cannotConnect(reason: String)
        case connectTimeout(seconds: Double)
        case badDescriptor(reason: String)
        case descriptorSpent
        case closed
        case closedBeforeReady
        case responseTooLarge(limit: Int)
        case tls(Error)
        /// ssh, or the docker CLI it ran on the remote host, failed: its reason in words.
        case sshFailed(reason: String)
        case http(HTTPParseError)
    }

    let kind: Kind
    /// The engine's URL, when known where the error is raised.
    var address: String?

    init(_ kind: Kind, address: String? = nil) {
        self.kind = kind
        self.address = address
    }

    static let closedBeforeReady = TransportError(.closedBeforeReady)

    public var description: String {
        let at = address.map { " \($0)" } ?? ""
        switch kind {
        case .cannotConnect(let reason):
            return "cannot connect to\(at): \(reason)"
        case .connectTimeout(let seconds):
            return "cannot connect to\(at): dial tcp: i/o timeout (no answer within \(Self.format(seconds)))"
        case .badDescriptor(let reason):
            return "cannot use\(at): \(reason)"
        case .descriptorSpent:
            return "cannot reconnect\(at): an inherited descriptor carries one connection only, and it was closed"
        case .closed:
            return "the engine\(at) closed the connection"
        case .closedBeforeReady:
            return "the engine\(at) closed the connection before it was ready"
        case .responseTooLarge(let limit):
            return "the engine\(at) sent a response larger than \(limit / (1024 * 1024)) MiB"
        case .tls(let error):
            return "\(error)"
        case .sshFailed(let reason):
            return "cannot connect to\(at): \(reason)"
        case .http(let error):
            return "\(error)\(address.map { " from \($0)" } ?? "")"
        }
    }

    /// True when the engine was never reached, as opposed to failing part-way through a request.
    public var isUnreachable: Bool {
        switch kind {
        case .cannotConnect, .connectTimeout, .badDescriptor, .descriptorSpent, .closedBeforeReady, .tls, .sshFailed: return true
        default: return false
        }
    }

    /// Maps what NIO throws while connecting onto the words a Docker user expects.
    static func connecting(_ error: Error, address: String) -> TransportError {
        if let error = error as? TransportError {
            var error = error
            error.address = error.address ?? address
            return error
        }
        if let error = error as? ChannelError, case .connectTimeout(let amount) = error {
            return TransportError(.connectTimeout(seconds: Double(amount.nanoseconds) / 1e9), address: address)
        }
        if let error = error as? NIOConnectionError {
            if let first = error.connectionErrors.first { return connecting(first.error, address: address) }
            return TransportError(.cannotConnect(reason: ErrorWords.describe(error)), address: address)
        }
        if let error = error as? IOError {
            return TransportError(.cannotConnect(reason: reason(errno: error.errnoCode)), address: address)
        }
        if error is HTTPParseError || error is TransportError { return TransportError(.closed, address: address) }
        if error is TLSError {
            return TransportError(.tls(error), address: address)
        }
        return TransportError(.cannotConnect(reason: ErrorWords.describe(error)), address: address)
    }

    /// A few words for a narrow column (`hosts` STATE): `refused`, `timeout`, `tls: bad ca`; the
    /// description says the rest.
    public var summary: String {
        switch kind {
        case .cannotConnect(let reason):
            for (words, summary) in [("refused", "refused"), ("no such host", "no such host"), ("name resolution", "dns error"), ("no such socket", "no socket"),
                                     ("permission denied", "permission denied"), ("unreachable", "unreachable"),
                                     ("timeout", "timeout"), ("timed out", "timeout")] where reason.contains(words) {
                return summary
            }
            return "down"
        case .connectTimeout: return "timeout"
        case .badDescriptor: return "bad fd"
        case .descriptorSpent, .closed, .closedBeforeReady: return "closed"
        case .responseTooLarge: return "too large"
        case .tls(let error): return (error as? TLSError)?.summary ?? "tls: failed"
        case .http: return "bad http"
        case .sshFailed(let reason):
            for (words, summary) in [("Connection refused", "ssh: refused"), ("timed out", "ssh: timeout"), ("host key", "ssh: host key"),
                                     ("authentication failed", "ssh: auth failed"), ("no docker CLI", "ssh: no docker"),
                                     ("too old", "ssh: old docker"), ("remote engine", "ssh: engine down")] where reason.contains(words) {
                return summary
            }
            return "ssh: failed"
        }
    }

    static func reason(errno: Int32) -> String {
        switch errno {
        case ECONNREFUSED: return "connection refused (is the docker daemon running?)"
        case ENOENT: return "no such socket (is the docker daemon running?)"
        case EACCES: return "permission denied"
        case ETIMEDOUT: return "timed out"
        case EHOSTUNREACH, ENETUNREACH: return "host unreachable"
        default: return String(cString: strerror(errno)).lowercased()
        }
    }

    private static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? "\(Int(seconds)) s" : "\(seconds) s"
    }
}
