/// A host string that cannot be parsed; the description is the docker CLI's wording where one exists.
public struct HostSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The value as the user gave it.
    public var input: String
    /// One line saying what is wrong, e.g. `invalid bind address format: http://127.0.0.1:12376`.
    public var message: String

    public init(input: String, message: String) {
        self.input = input
        self.message = message.escapingControlCharacters
    }

    public var description: String { message }
}
