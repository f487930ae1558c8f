import Foundation

/// Engine responses vary by API version and daemon; every model field is optional-with-default
/// so a missing or `null` field never fails a whole listing.
extension KeyedDecodingContainer {
    func value<T: Decodable>(_ key: Key, default fallback: T) -> T {
        ((try? decodeIfPresent(T.self, forKey: key)) ?? nil) ?? fallback
    }

    func optional<T: Decodable>(_ key: Key) -> T? {
        (try? decodeIfPresent(T.self, forKey: key)) ?? nil
    }
}

/// A coding key made from any string, for models that mirror docker's mixed-case JSON.
struct AnyKey: CodingKey, Hashable {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ s: String) { stringValue = s }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

extension AnyKey: ExpressibleByStringLiteral {
    init(stringLiteral value: String) { self.init(value) }
}

/// Decodes one Engine API JSON value with the settings every model expects.
public enum EngineJSON {
    public static func decode<T: Decodable>(_ type: T.Type, from bytes: some Collection<UInt8>) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(bytes))
    }
}
