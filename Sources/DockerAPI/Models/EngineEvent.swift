/// One record of `GET /events`. API < 1.52 also sends the legacy `status`/`id`/`from`.
public struct EngineEvent: Decodable, Sendable, Hashable {
    public struct Actor: Decodable, Sendable, Hashable {
        public var id: String
        public var attributes: [String: String]

        public init(id: String, attributes: [String: String] = [:]) {
            self.id = id
            self.attributes = attributes
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: AnyKey.self)
            id = c.value("ID", default: "")
            attributes = c.value("Attributes", default: [:])
        }
    }

    public var type: String
    public var action: String
    public var actor: Actor
    public var scope: String
    /// Unix seconds.
    public var time: Int64
    /// Unix nanoseconds; 0 when absent.
    public var timeNano: Int64
    public var status: String?
    public var id: String?
    public var from: String?

    public init(type: String, action: String, actor: Actor, scope: String = "local", time: Int64 = 0, timeNano: Int64 = 0) {
        self.type = type
        self.action = action
        self.actor = actor
        self.scope = scope
        self.time = time
        self.timeNano = timeNano
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        status = c.optional("status")
        id = c.optional("id")
        from = c.optional("from")
        // Very old daemons only sent status/id/from; map them so callers see one shape.
        type = c.value("Type", default: status == nil ? "" : "container")
        action = c.value("Action", default: status ?? "")
        actor = c.value("Actor", default: Actor(id: id ?? "", attributes: from.map { ["image": $0] } ?? [:]))
        scope = c.value("scope", default: "")
        time = c.value("time", default: 0)
        timeNano = c.value("timeNano", default: 0)
    }
}
