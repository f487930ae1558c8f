import Foundation
import NIOCore
import NIOPosix

/// Words for errors raised below dmux (SwiftNIO, the resolver, Foundation's JSON decoder), whose
/// own descriptions are Swift type and case names (`SocketAddressError.UnknownHost: …`,
/// `typeMismatch(Swift.String, …)`, `ioOnClosedChannel`). dmux's own errors already speak words
/// and pass through; docker's words are used where docker has them (docker/cli and Go's net
/// package: `lookup x: no such host`, `connection refused`, `i/o timeout`).
public enum ErrorWords {
    public static func describe(_ error: Error) -> String {
        switch error {
        case let error as SocketAddressError.UnknownHost:
            return lookupFailure(host: error.host, code: error.errorCode, text: error.errorDescription)
        case let error as SocketAddressError:
            switch error {
            case .unknown(let host, _): return "dial tcp: lookup \(host): no such host"
            case .unsupported: return "address family not supported"
            case .unixDomainSocketPathTooLong: return "unix socket path is too long"
            case .failedToParseIPString(let text): return "invalid IP address \"\(text)\""
            }
        case let error as NIOConnectionError:
            if let first = error.connectionErrors.first { return describe(first.error) }
            if let dns = error.dnsAError ?? error.dnsAAAAError { return describe(dns) }
            return "dial tcp: lookup \(error.host): no such host"
        case let error as IOError:
            return TransportError.reason(errno: error.errnoCode)
        case let error as ChannelError:
            return channel(error)
        case is CancellationError:
            return "cancelled"
        case let error as DecodingError:
            return decoding(error)
        case let error as CocoaError:
            return error.localizedDescription
        case let error as CustomStringConvertible:
            return error.description
        default:
            // Swift would print the type and case name here; a user could do nothing with it.
            return "unexpected failure"
        }
    }

    /// Go's resolver words for getaddrinfo's codes (EAI_NONAME and EAI_NODATA are "no such host").
    static func lookupFailure(host: String, code: Int, text: String) -> String {
        switch Int32(truncatingIfNeeded: code) {
        case EAI_NONAME, -5 /* EAI_NODATA */: return "dial tcp: lookup \(host): no such host"
        case EAI_AGAIN: return "dial tcp: lookup \(host): temporary failure in name resolution"
        default: return "dial tcp: lookup \(host): \(text.lowercased())"
        }
    }

    static func channel(_ error: ChannelError) -> String {
        switch error {
        case .connectTimeout: return "dial tcp: i/o timeout"
        case .ioOnClosedChannel, .alreadyClosed, .eof, .inputClosed, .outputClosed: return "the connection was closed"
        case .connectPending: return "a connection is already being made"
        case .writeMessageTooLarge: return "message too large"
        case .writeHostUnreachable: return "host unreachable"
        default: return "connection failed"
        }
    }

    /// A JSON answer that does not have the shape dmux expects: which field, and what was wrong.
    static func decoding(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return keys.isEmpty ? "the answer" : "field " + String(keys.drop { $0 == "." })
        }
        switch error {
        case .typeMismatch(let type, let context): return "\(path(context)) is not \(noun(type))"
        case .valueNotFound(let type, let context): return "\(path(context)) is null, expected \(noun(type))"
        case .keyNotFound(let key, let context):
            let within = context.codingPath.isEmpty ? "" : " in \(path(context))"
            return "field \(key.stringValue) is missing\(within)"
        case .dataCorrupted(let context): return "\(path(context)) is not valid JSON"
        @unknown default: return "the answer is not the expected JSON"
        }
    }

    private static func noun(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Bool.Type: return "a boolean"
        case is Int.Type, is Int64.Type, is UInt64.Type, is Int32.Type, is Double.Type: return "a number"
        default:
            return "\(type)".hasPrefix("Array") ? "a list" : "an object"
        }
    }
}
