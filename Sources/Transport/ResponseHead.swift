/// Status line and headers of an engine's answer.
public struct ResponseHead: Sendable, Hashable {
    public var status: Int
    public var reason: String
    public var headers: [HTTPHeader]

    public init(status: Int, reason: String, headers: [HTTPHeader]) {
        self.status = status
        self.reason = reason
        self.headers = headers
    }

    public var contentType: String? { headers.first("Content-Type") }
}
