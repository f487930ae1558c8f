/// Which configuration an endpoint came from; shown to users and used to qualify clashing names.
public enum EndpointSource: Sendable, Hashable, CustomStringConvertible {
    case flag
    case environment
    /// A docker-machine store, identified by its root folder.
    case machine(store: String)
    /// A docker context, by context name.
    case context(name: String)
    /// The shell's `connect` built-in (or the rc file).
    case connect

    /// Short label: "-H", "env", "machine", "context", "connect".
    public var description: String {
        switch self {
        case .flag: return "-H"
        case .environment: return "env"
        case .machine: return "machine"
        case .context: return "context"
        case .connect: return "connect"
        }
    }

    /// Prefix for a source-qualified name (`machine:web`) when the plain name is already taken.
    public var qualifier: String {
        switch self {
        case .flag: return "host"
        case .environment: return "env"
        case .machine: return "machine"
        case .context: return "ctx"
        case .connect: return "connect"
        }
    }

    /// Same kind of source, ignoring the associated store or context name.
    func isSameKind(as other: EndpointSource) -> Bool { qualifier == other.qualifier }
}
