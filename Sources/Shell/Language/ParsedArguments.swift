/// A command's words after flag parsing: flag values by long name, and positional arguments.
public struct ParsedArguments: Sendable, Hashable {
    public var values: [String: [String]] = [:]
    public var positional: [String] = []
    /// `--help` where a flag may stand: the user wants the command's usage, as docker prints it.
    public var helpRequested = false

    public init() {}

    public func has(_ flag: String) -> Bool { values[flag] != nil }
    public func value(_ flag: String) -> String? { values[flag]?.last }
    public func all(_ flag: String) -> [String] { values[flag] ?? [] }

    /// A boolean flag: given bare or `=true`, off with `=false`.
    public func isOn(_ flag: String) -> Bool {
        guard let value = values[flag]?.last else { return false }
        return value != "false" && value != "0"
    }

    public func int(_ flag: String) throws(ShellUsageError) -> Int? {
        guard let text = value(flag) else { return nil }
        guard let number = Int(text) else {
            throw ShellUsageError("invalid argument \"\(text)\" for \"--\(flag)\" flag: not an integer")
        }
        return number
    }
}
