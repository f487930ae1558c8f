import Core
import DockerAPI
import FanOut
import NIOConcurrencyHelpers

/// How a list command (ps, images, df) shows its records: as rows of the one HOST-first table
/// (docker's default columns or the user's `table …` template), or as one rendered line per
/// record (`-q`, a template without `table`).
struct ListFormat: Sendable {
    private let parsed: Result<FormatTemplate, FormatTemplateError>
    /// `-q` without a template: json records carry only this field (the ID; a volume's Name).
    let quiet: Bool
    let quietField: String

    /// `user` is the `--format` template; as in docker it wins over `-q`. A template that does
    /// not parse fails at `headers(for:)`, which words the error as that command's docker does.
    init(user: String?, defaultTable: String, quiet: Bool, quietField: String = "ID") {
        parsed = Self.parse(user ?? (quiet ? "{{.\(quietField)}}" : defaultTable))
        self.quiet = quiet && user == nil
        self.quietField = quietField
    }

    /// Templates already parsed, by text: a script of `ps` lines parsed the same default table
    /// template on every line, a tenth of dmux's CPU for an `@all ps` line. Bounded, since
    /// `--format` texts are the user's.
    private static let parsedTemplates = NIOLockedValueBox<[String: Result<FormatTemplate, FormatTemplateError>]>([:])

    private static func parse(_ text: String) -> Result<FormatTemplate, FormatTemplateError> {
        if let known = parsedTemplates.withLockedValue({ $0[text] }) { return known }
        let parsed = Result { () throws(FormatTemplateError) in try FormatTemplate(text) }
        parsedTemplates.withLockedValue { cache in
            if cache.count >= 64 { cache.removeAll() }
            cache[text] = parsed
        }
        return parsed
    }

    /// The column headers; fails on a template that does not parse or names a field `S` does not
    /// have, so a typo is caught before anything is sent.
    func headers<S: FormatSubject>(for subject: S.Type) throws(ShellUsageError) -> [String] {
        do {
            return try parsed.get().header(for: S.self).split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        } catch {
            throw ShellUsageError(S.templateErrorPrefix(error.phase) + error.description)
        }
    }

    private var template: FormatTemplate {
        get throws(ShellUsageError) {
            do { return try parsed.get() } catch { throw ShellUsageError("template parsing error: " + error.description) }
        }
    }

    /// Hands every host's records to the presenter (the invocation's, or one of several tables
    /// the command prints), hosts in target order.
    func present<S: FormatSubject>(
        _ answers: [(host: String, subjects: [S])], to invocation: Invocation, through table: Presenter? = nil
    ) throws {
        guard !answers.isEmpty else { return }
        let presenter = table ?? invocation.presenter
        let template = try self.template
        // Each host's records are rendered whole first: a record the template fails on is that
        // host's failure, and docker prints none of that host's lines then.
        var rendered: [(host: String, lines: [(text: String, json: JSONValue)])] = []
        for (host, subjects) in answers {
            do throws(FormatTemplateError) {
                rendered.append((host, try subjects.map { (subject) throws(FormatTemplateError) in (try template.render(subject), record(subject)) }))
            } catch {
                let message = "template parsing error: " + error.description
                presenter.failure(HostFailure(host: host, kind: .failed, message: message, dockerMessage: message))
            }
        }
        guard !rendered.isEmpty else { return }
        if template.isTable {
            let headers = try self.headers(for: S.self)
            presenter.columns(headers)
            for (host, lines) in rendered {
                for line in lines {
                    presenter.row(host: host, headers: headers, cells: line.text.split(separator: "\t", omittingEmptySubsequences: false).map(String.init),
                                  json: line.json)
                }
            }
            return
        }
        // One target: the presenter prints them as docker does, so `@m1 ps -q | xargs …` works.
        for (host, lines) in rendered {
            for line in lines { presenter.line(host: host, text: line.text, json: line.json) }
        }
    }

    /// The json shape's object: docker's `--format json` keys (all strings), or just the ID for `-q`.
    func record<S: FormatSubject>(_ subject: S) -> JSONValue {
        if quiet { return .object([(quietField, .string(subject.field(quietField) ?? ""))]) }
        return Self.object(subject)
    }

    /// Every field of `subject` under docker's `--format json` keys.
    static func object<S: FormatSubject>(_ subject: S) -> JSONValue {
        (try? JSONParser.parse(Array(subject.jsonObject.utf8))) ?? .null
    }
}
