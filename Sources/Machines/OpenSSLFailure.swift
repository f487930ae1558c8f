import Core

/// A libcrypto call that failed, in words: what we were doing and OpenSSL's own reasons, read
/// from its error queue right where the call failed.
public struct OpenSSLFailure: Error, CustomStringConvertible, Sendable {
    /// What dmux was doing, e.g. `signing the server certificate`.
    public let operation: String
    /// OpenSSL's reasons, oldest first (empty when the queue held none).
    public let reasons: [String]

    public var description: String {
        reasons.isEmpty ? "OpenSSL: \(operation) failed" : "OpenSSL: \(operation) failed: \(reasons.joined(separator: ": "))"
    }

    /// Drains the error queue into a failure for `operation`.
    static func drain(_ operation: String) -> OpenSSLFailure {
        OpenSSLFailure(operation: operation, reasons: OpenSSLErrorQueue.reasons(OpenSSLErrorQueue.drain()))
    }

    /// Throws a drained failure unless `result` is 1 (libcrypto's success).
    static func check(_ result: Int32, _ operation: @autoclosure () -> String) throws(OpenSSLFailure) {
        if result != 1 { throw drain(operation()) }
    }
}
