/// `docker pull` as the CLI prints it when its output is not a terminal: a line per progress
/// message without a byte count, then the image's full reference.
public enum PullReport {
    /// What `JSONMessage.Display` writes for `message` on a non-terminal (moby
    /// pkg/jsonmessage/jsonmessage.go): nothing for a byte count (no progress bar off a terminal)
    /// or an aux record, else `ID: ` and the status (or the build stream as it is).
    public static func text(_ message: JSONMessage) -> String? {
        if message.aux != nil { return nil }
        if let detail = message.progressDetail, (detail.current ?? 0) > 0 || (detail.total ?? 0) > 0 { return nil }
        var out = message.id.map { $0.isEmpty ? "" : $0 + ": " } ?? ""
        if let progress = message.progress, !progress.isEmpty {
            out += (message.status ?? "") + " " + progress
        } else if let stream = message.stream, !stream.isEmpty {
            out += stream
        } else {
            out += (message.status ?? "") + "\n"
        }
        return out
    }

    /// The reference as docker names it after a pull (distribution's `ParseNormalizedNamed`, then
    /// `String()`): `busybox` → `docker.io/library/busybox:latest`.
    public static func normalizedReference(name: String, tag: String, digest: Bool) -> String {
        let first = name.split(separator: "/", maxSplits: 1).first.map(String.init) ?? name
        let hasDomain = name.contains("/") && (first.contains(".") || first.contains(":") || first == "localhost")
        var full = name
        if !hasDomain { full = "docker.io/" + (name.contains("/") ? name : "library/" + name) }
        return full + (digest ? "@" : ":") + tag
    }
}
