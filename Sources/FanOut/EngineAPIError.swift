/// The engine answered, and the answer was an error (`No such container: web`).
///
/// The message is the engine's own words, extracted the way the docker CLI extracts them, so
/// `m2: No such container: web` reads the same as `docker` would say it.
public struct EngineAPIError: Error, Sendable, Hashable, CustomStringConvertible {
    public let status: Int
    public let message: String

    public init(status: Int, message: String) {
        self.status = status
        self.message = message
    }

    public var description: String { message }

    /// How the docker CLI reports it: an error status from the daemon is prefixed as in the Go
    /// client (moby client/request.go `checkResponseErr`); nil for what dmux itself
    /// found wrong in an answer (status 200), which docker has no words for.
    public var dockerMessage: String? {
        status >= 400 ? "Error response from daemon: \(message)" : nil
    }
}
