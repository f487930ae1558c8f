import DockerAPI
import Foundation

/// `images`: docker's image list, every targeted host in one table (`HOST` first).
enum ImagesCommand {
    static let digestTableFormat = "table {{.Repository}}\t{{.Tag}}\t{{.Digest}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}"

    static let spec = CommandSpec(
        name: "images", summary: "List images", scope: .engines,
        flags: [
            FlagSpec("all", short: "a", help: "Show all images (default hides intermediate images)"),
            FlagSpec("digests", help: "Show digests"),
            ListCommands.filterFlag,
            ListCommands.noTruncFlag,
            ListCommands.quietFlag,
        ],
        arguments: [ArgumentSpec("REPOSITORY[:TAG]", completion: .image, optional: true)],
        shape: .table
    ) { invocation in
        let arguments = invocation.arguments
        var filters = try ListCommands.filters(arguments)
        if let reference = arguments.positional.first { filters.add("reference", reference) }
        let digests = arguments.isOn("digests")
        let format = ListFormat(
            user: invocation.template,
            defaultTable: digests ? digestTableFormat : ImageRow.defaultTableFormat,
            quiet: arguments.isOn("quiet"))
        _ = try format.headers(for: ImageRow.self)
        let request = EngineRequests.listImages(all: arguments.isOn("all"), filters: filters)
        let truncate = !arguments.isOn("no-trunc")
        let answers = await invocation.answers { host in
            try await host.decode([ImageSummary].self, request)
        }
        let now = Date()
        try format.present(answers.map { answer in
            let rows = ImageRow.rows(for: answer.value, truncate: truncate, now: now)
            return (answer.host.name, digests ? rows.flatMap(withDigests) : rows)
        }, to: invocation)
    }

    /// `--digests`: docker shows a tagged row once per digest of its repository, and a
    /// digest-only row once per digest (`ImageRow.rows` leaves those as `<none>` / empty).
    static func withDigests(_ row: ImageRow) -> [ImageRow] {
        let matching = row.image.repoDigests.compactMap { reference -> String? in
            guard let at = reference.firstIndex(of: "@") else { return nil }
            return ImageRow.familiar(String(reference[..<at])) == row.repository ? String(reference[reference.index(after: at)...]) : nil
        }
        guard !matching.isEmpty else { return [row] }
        return matching.map { digest in
            var copy = row
            copy.digest = digest
            return copy
        }
    }
}
