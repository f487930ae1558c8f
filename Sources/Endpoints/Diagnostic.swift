/// A problem found while discovering engines. Discovery never stops at one: each broken source
/// becomes one diagnostic and the rest still load.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable {
        /// The endpoint loaded, but may not behave as the user expects.
        case warning
        /// The endpoint (or source) was not loaded.
        case error
    }

    public var severity: Severity
    /// One line naming the source, file or token, e.g. `machine web1: open …/config.json: no such file or directory`.
    public var message: String

    public init(_ severity: Severity, _ message: String) {
        self.severity = severity
        self.message = message.escapingControlCharacters
    }

    public static func warning(_ message: String) -> Diagnostic { Diagnostic(.warning, message) }
    public static func error(_ message: String) -> Diagnostic { Diagnostic(.error, message) }

    public var description: String { "\(severity.rawValue): \(message)" }
}

/// A diagnostic as a thrown or `Result` failure, for loaders that stop at the first problem of one item.
struct DiagnosticError: Error {
    let diagnostic: Diagnostic
    static func error(_ message: String) -> DiagnosticError { DiagnosticError(diagnostic: .error(message)) }
    static func warning(_ message: String) -> DiagnosticError { DiagnosticError(diagnostic: .warning(message)) }
}
