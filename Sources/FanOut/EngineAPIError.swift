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
}
