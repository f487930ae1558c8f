import Core
import Foundation

/// One `docker images` row: an image is shown once per repository:tag (docker/cli formatter/image.go).
public struct ImageRow: FormatSubject {
    public static let subjectName = "image"
    public static let goTypeName = "*formatter.imageContext"
    public static let headers: [String: String] = [
        "ID": "IMAGE ID", "Repository": "REPOSITORY", "Tag": "TAG", "Digest": "DIGEST",
        "CreatedSince": "CREATED", "CreatedAt": "CREATED AT", "Size": "SIZE", "Containers": "CONTAINERS",
        "VirtualSize": "SIZE", "SharedSize": "SHARED SIZE", "UniqueSize": "UNIQUE SIZE",
    ]
    /// `docker images` default columns. Docker's own template says `{{if .CreatedSince}}…{{else}}N/A`,
    /// but Go's `time.Unix(0, 0).IsZero()` is false, so CREATED is never empty: no branch needed.
    public static let defaultTableFormat = "table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}"

    public var image: ImageSummary
    public var repository: String
    public var tag: String
    public var digest: String
    public var truncate: Bool
    public var now: Date
    public var timeZone: TimeZone

    public init(
        _ image: ImageSummary, repository: String, tag: String, digest: String = "<none>",
        truncate: Bool = true, now: Date = Date(), timeZone: TimeZone = .current
    ) {
        self.image = image
        self.repository = repository
        self.tag = tag
        self.digest = digest
        self.truncate = truncate
        self.now = now
        self.timeZone = timeZone
    }

    /// Expands images into rows like `docker images`: dangling → `<none> <none>`; otherwise one
    /// row per tag, and one `<none>` row for a repository known only by digest.
    public static func rows(
        for images: [ImageSummary], truncate: Bool = true, now: Date = Date(), timeZone: TimeZone = .current
    ) -> [ImageRow] {
        var rows: [ImageRow] = []
        for img in images {
            let tags = img.repoTags.filter { $0 != "<none>:<none>" }
            let digests = img.repoDigests.filter { $0 != "<none>@<none>" }
            if tags.isEmpty && digests.isEmpty {
                rows.append(ImageRow(img, repository: "<none>", tag: "<none>", truncate: truncate, now: now, timeZone: timeZone))
                continue
            }
            var seenRepos = Set<String>()
            for ref in tags {
                let (repo, tag) = splitTag(ref)
                seenRepos.insert(repo)
                rows.append(ImageRow(img, repository: repo, tag: tag, truncate: truncate, now: now, timeZone: timeZone))
            }
            var digestOnly: [String] = []
            for ref in digests {
                guard let at = ref.firstIndex(of: "@") else { continue }
                let repo = familiar(String(ref[..<at]))
                if !seenRepos.contains(repo) && !digestOnly.contains(repo) { digestOnly.append(repo) }
            }
            for repo in digestOnly {
                rows.append(ImageRow(img, repository: repo, tag: "<none>", digest: "", truncate: truncate, now: now, timeZone: timeZone))
            }
        }
        return rows
    }

    /// `name:tag` → (familiar name, tag); the tag colon is the last one after the last `/`.
    static func splitTag(_ ref: String) -> (String, String) {
        let (name, tag) = ImageTag.split(ref[...])
        return (familiar(String(name)), tag.map(String.init) ?? "<none>")
    }

    public static func familiar(_ name: String) -> String {
        for prefix in ["docker.io/library/", "docker.io/"] where name.hasPrefix(prefix) {
            return String(name.dropFirst(prefix.count))
        }
        return name
    }

    public var id: String { truncate ? DockerColumns.truncateID(image.id) : image.id }

    public var createdSince: String { GoUnits.ago(unixSeconds: image.created, now: now) }

    public func field(_ name: String) -> String? {
        switch name {
        case "ID": id
        case "Repository": repository
        case "Tag": tag
        case "Digest": digest
        case "CreatedSince": createdSince
        case "CreatedAt": GoTime.string(unixSeconds: image.created, timeZone: timeZone)
        case "Size": GoUnits.humanSize(Double(image.size), precision: 3)
        case "VirtualSize": GoUnits.humanSize(Double(image.size))
        case "Containers": image.containers == -1 ? "N/A" : String(image.containers)
        case "SharedSize": image.sharedSize == -1 ? "N/A" : GoUnits.humanSize(Double(image.sharedSize))
        case "UniqueSize":
            image.size == -1 || image.sharedSize == -1 ? "N/A" : GoUnits.humanSize(Double(image.size - image.sharedSize))
        default: nil
        }
    }

    public func label(_ key: String) -> String? { image.labels[key] ?? "" }
}
