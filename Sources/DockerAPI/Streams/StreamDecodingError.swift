/// A framing problem in a response stream; `description` is one line a user can act on.
public struct StreamDecodingError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// stdcopy stream 3: the daemon aborted the stream; `detail` is its message.
        case daemonError
        /// A stdcopy header names a stream other than 0–3.
        case invalidStreamType
        /// A stdcopy frame or a JSON value larger than the decoder's bound.
        case tooLarge
        /// The stream ended inside a frame or a JSON value.
        case truncated
        /// Bytes that cannot start or continue a JSON value.
        case invalidJSON
    }

    public var kind: Kind
    public var detail: String

    public init(_ kind: Kind, _ detail: String) {
        self.kind = kind
        self.detail = detail
    }

    public var description: String {
        switch kind {
        case .daemonError: "error from daemon in stream: \(detail)"
        case .invalidStreamType: "unrecognized stream in multiplexed output: \(detail)"
        case .tooLarge: "stream record too large: \(detail)"
        case .truncated: "stream ended unexpectedly: \(detail)"
        case .invalidJSON: "invalid JSON in stream: \(detail)"
        }
    }
}
