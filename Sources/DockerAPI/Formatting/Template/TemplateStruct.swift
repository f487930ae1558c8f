import Core

/// A JSON object standing for one of docker's Go structs, so that a misspelt field reads as Go
/// says it (`can't evaluate field Nope in type system.dockerInfo`) rather than as a map lookup.
public struct TemplateStruct: TemplateRecord {
    public let goTypeName: String
    let members: [(key: String, value: TemplateValue)]

    /// `json` as the struct; members named in `children` become structs of the given Go types.
    public init(_ json: JSONValue, goTypeName: String, children: [String: String] = [:]) {
        self.goTypeName = goTypeName
        guard case .object(let object) = json else {
            members = []
            return
        }
        members = object.map { key, value in
            if let child = children[key], case .object = value {
                return (key, .record(TemplateStruct(value, goTypeName: child)))
            }
            return (key, TemplateValue(value))
        }
    }

    public func member(_ name: String, arguments: [TemplateValue]) throws(TemplateFunctionError) -> TemplateValue? {
        guard let value = members.first(where: { $0.key == name })?.value else { return nil }
        guard arguments.isEmpty else { throw .argumentCount(want: "0", got: arguments.count) }
        return value
    }

    public var jsonText: String { TemplateValue.map(members).jsonText }
}
