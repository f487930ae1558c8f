import Foundation

/// The `X-Docker-Container-Path-Stat` header of `HEAD|GET /containers/{id}/archive`: base64 JSON
/// of moby's `container.PathStat` (`mode` is a Go `os.FileMode`).
public struct PathStat: Decodable, Sendable, Hashable {
    public var name: String
    public var size: Int64
    public var mode: UInt32
    public var linkTarget: String

    public var isDirectory: Bool { mode & (1 << 31) != 0 }
    public var isSymlink: Bool { mode & (1 << 27) != 0 }

    public init(name: String, size: Int64 = 0, mode: UInt32, linkTarget: String = "") {
        self.name = name
        self.size = size
        self.mode = mode
        self.linkTarget = linkTarget
    }

    /// The header's value decoded; nil when it is missing or not what moby sends.
    public init?(header: String?) {
        guard let header, let data = Data(base64Encoded: header),
              let stat = try? JSONDecoder().decode(PathStat.self, from: data) else { return nil }
        self = stat
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        name = c.value("name", default: "")
        size = c.value("size", default: 0)
        mode = c.value("mode", default: 0)
        linkTarget = c.value("linkTarget", default: "")
    }
}
