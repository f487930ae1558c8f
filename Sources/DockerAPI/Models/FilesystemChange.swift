/// One line of `GET /containers/{id}/changes` (moby api/types/container.FilesystemChange).
public struct FilesystemChange: Decodable, Sendable, Hashable {
    public var path: String
    /// 0 modified, 1 added, 2 deleted.
    public var kind: Int

    /// docker's letter for the kind (`ChangeType.String`): C, A or D.
    public var kindLetter: String {
        switch kind {
        case 0: "C"
        case 1: "A"
        case 2: "D"
        default: ""
        }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: AnyKey.self)
        path = c.value("Path", default: "")
        kind = c.value("Kind", default: -1)
    }
}
