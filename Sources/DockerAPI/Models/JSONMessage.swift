import Core

/// One line of a pull/push/load/build/import progress stream (moby client/pkg/jsonmessage/jsonmessage.go). A line
/// with `error` is an in-band failure after HTTP 200.
public struct JSONMessage: Decodable, Sendable, Hashable {
    public struct ProgressDetail: Decodable, Sendable, Hashable {
        public var current: Int64?
        public var total: Int64?
        enum CodingKeys: String, CodingKey { case current, total }
    }

    public struct ErrorDetail: Decodable, Sendable, Hashable {
        public var code: Int?
        public var message: String?
        enum CodingKeys: String, CodingKey { case code, message }
    }

    public var status: String?
    public var id: String?
    public var progress: String?
    public var progressDetail: ProgressDetail?
    public var stream: String?
    public var error: String?
    public var errorDetail: ErrorDetail?
    public var aux: JSONValue?

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        status = c.optional("status")
        id = c.optional("id")
        progress = c.optional("progress")
        progressDetail = c.optional("progressDetail")
        stream = c.optional("stream")
        error = c.optional("error")
        errorDetail = c.optional("errorDetail")
        aux = c.optional("aux")
    }

    /// The in-band error message, preferring `errorDetail.message` as the Go client does.
    public var failureMessage: String? {
        if let m = errorDetail?.message, !m.isEmpty { return m }
        if let error, !error.isEmpty { return error }
        return nil
    }
}
