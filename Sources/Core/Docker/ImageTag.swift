/// Where an image reference's tag begins, by docker's reference grammar
/// (distribution/reference reference.go: `name [":" tag] ["@" digest]`, and a registry's
/// `host:port` comes before the first `/`): the tag follows the last `:` after the last `/`.
/// Pulling, listing and reading credentials all need that one cut.
public enum ImageTag {
    /// `name` and the tag after it (nil without one); the reference holds no digest here.
    public static func split(_ reference: Substring) -> (name: Substring, tag: Substring?) {
        let lastSlash = reference.lastIndex(of: "/") ?? reference.startIndex
        guard let colon = reference[lastSlash...].lastIndex(of: ":") else { return (reference, nil) }
        return (reference[..<colon], reference[reference.index(after: colon)...])
    }
}
