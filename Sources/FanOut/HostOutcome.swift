import Transport

/// How one host's part of a command ended.
public enum HostOutcome<Value: Sendable>: Sendable {
    case success(Value)
    case failure(HostFailure)
}

/// Why a host's part of a command failed, short enough for the summary line
/// (`2 of 5 hosts failed: m3 (timeout), m5 (no such container)`).
public struct HostFailure: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// The engine could not be reached at all.
        case unreachable
        /// The per-host timeout ran out.
        case timeout
        /// The engine answered with an error, or the command failed on it.
        case failed
        /// The user cancelled the command.
        case cancelled
    }

    public let host: String
    public let kind: Kind
    public let message: String
    /// The line the docker CLI prints on stderr for this failure, when docker has one
    /// (`Error response from daemon: No such container: web`): what one targeted host shows.
    public let dockerMessage: String?

    public init(host: String, kind: Kind, message: String, dockerMessage: String? = nil) {
        self.host = host
        self.kind = kind
        self.message = message
        self.dockerMessage = dockerMessage
    }

    /// An error as a failure of `host`: the engine's refusals in docker's words, anything else as text.
    public init(host: String, error: Error) {
        if let error = error as? HostFailure {
            self = error
        } else if let error = error as? EngineAPIError {
            self.init(host: host, kind: .failed, message: error.message, dockerMessage: error.dockerMessage)
        } else {
            self.init(host: host, kind: .failed, message: ErrorWords.describe(error))
        }
    }

    public var description: String { "\(host): \(message)" }

    /// The reason in the summary line: the gist of the message, without the object it names
    /// (`No such container: web` → `no such container`) or the address (`cannot connect to
    /// unix:///x.sock: no such socket` → `no such socket`).
    public var shortReason: String {
        switch kind {
        case .timeout: return "timeout"
        case .cancelled: return "cancelled"
        case .unreachable, .failed:
            var text = message.split(separator: "\n").first.map(String.init) ?? message
            if let open = text.range(of: " (", options: .backwards), text.hasSuffix(")") {
                text = String(text[..<open.lowerBound])
            }
            if text.hasPrefix("cannot connect to "), let colon = text.range(of: ": ") {
                text = String(text[colon.upperBound...])
            } else if let colon = text.range(of: ": "), text[..<colon.lowerBound].contains(" ") {
                text = String(text[..<colon.lowerBound])
            }
            if text.count > 60 { text = String(text.prefix(59)) + "…" }
            guard let first = text.first, first.isUppercase, text.dropFirst().first?.isLowercase ?? true else { return text }
            return first.lowercased() + text.dropFirst()
        }
    }
}
