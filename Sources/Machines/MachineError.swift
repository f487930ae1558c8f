/// Why a machine operation failed, as one line naming the machine, file or value concerned.
public struct MachineError: Error, CustomStringConvertible, Sendable {
    public enum Kind: Sendable, Hashable {
        /// Bad input: an invalid name, URL or SAN (the shell reports a usage error).
        case usage
        /// The machine does not exist.
        case notFound
        /// The machine exists and `--force` was not given.
        case exists
        /// Reading, writing or generating failed.
        case failed
    }

    public let kind: Kind
    public let description: String

    public init(_ kind: Kind, _ description: String) {
        self.kind = kind
        self.description = description
    }

    static func wrap(_ error: OpenSSLFailure, _ context: String) -> MachineError {
        MachineError(.failed, "\(context): \(error)")
    }
}
